# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.customer_deposit.tests.test_i18n import I18nCatalogueChecks


@tagged("post_install", "-at_install")
class TestI18n(I18nCatalogueChecks, TransactionCase):
    """The bridge's .pot and fr.po (customer_deposit's test_i18n does the same for the core)."""

    module = "customer_deposit_purchase"
    # Odoo's loader runs only the test methods a class defines itself, unless told so.
    allow_inherited_tests_method = True

    def test_fr_is_used_by_odoo(self):
        env_fr = self.env_fr()
        fields = env_fr["purchase.order"]._fields
        self.assertEqual(
            fields["deposit_amount_received"]._description_string(env_fr), "Acomptes versés"
        )
        self.assertEqual(
            env_fr._(
                "A customer deposit cannot be linked to purchase order %s: only vendor deposits "
                "are paid on purchase orders.",
                "P00001",
            ),
            "Un acompte client ne peut pas être lié à la commande fournisseur P00001 : seuls "
            "des acomptes fournisseurs sont versés sur les commandes fournisseurs.",
        )
