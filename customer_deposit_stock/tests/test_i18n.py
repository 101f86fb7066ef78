# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from odoo.addons.customer_deposit.tests.test_i18n import I18nCatalogueChecks


@tagged("post_install", "-at_install")
class TestI18n(I18nCatalogueChecks, TransactionCase):
    """The bridge's .pot and fr.po (customer_deposit's test_i18n does the same for the core)."""

    module = "customer_deposit_stock"
    # Odoo's loader runs only the test methods a class defines itself, unless told so.
    allow_inherited_tests_method = True
    # The bridge has few terms of its own: its two messages.
    min_terms = 1

    def test_fr_is_used_by_odoo(self):
        env_fr = self.env_fr()
        message = env_fr._(
            "Delivery %(picking)s validated by %(user)s without the deposit order "
            "%(order)s requires: %(missing)s of the %(required)s required was missing "
            "(%(received)s received).",
            picking="WH/OUT/00001",
            user="Marc",
            order="S00001",
            missing="10,00 €",
            required="30,00 €",
            received="20,00 €",
        )
        self.assertTrue(message.startswith("Livraison WH/OUT/00001 validée par Marc"), message)
