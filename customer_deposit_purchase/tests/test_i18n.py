# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from collections import Counter

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

MODULE = "customer_deposit_purchase"
# What a translation must keep as it is: %-placeholders of _() and the XML elements, QWeb
# expressions and attributes of view and report terms.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]*>|\{\{.*?\}\}")


@tagged("post_install", "-at_install")
class TestI18n(TransactionCase):
    """The bridge's .pot holds every translatable term of the bridge and fr.po translates
    all of them (customer_deposit's test_i18n does the same for the core)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The same reader as `odoo-bin --i18n-export --modules=customer_deposit_purchase`.
        reader = TranslationModuleReader(cls.env.cr, modules=[MODULE])
        cls.terms = {source for _module, _type, _name, _res_id, source, _value, _cmt in reader}
        cls.pot = polib.pofile(file_path(f"{MODULE}/i18n/{MODULE}.pot"))
        cls.fr = polib.pofile(file_path(f"{MODULE}/i18n/fr.po"))

    def test_pot_has_every_term(self):
        self.assertGreater(len(self.terms), 20, "the reader found the bridge's terms")
        missing = sorted(self.terms - {entry.msgid for entry in self.pot})
        self.assertFalse(
            missing,
            f"{len(missing)} translatable terms are missing from i18n/{MODULE}.pot: run "
            f"'./dev i18n' and translate the new terms in the .po files. Missing: {missing}",
        )

    def test_fr_translates_every_term_of_the_pot(self):
        translated = {entry.msgid for entry in self.fr.translated_entries()}
        untranslated = sorted({entry.msgid for entry in self.pot} - translated)
        self.assertFalse(untranslated, f"fr.po lacks a translation of: {untranslated}")
        self.assertFalse([entry.msgid for entry in self.fr if entry.fuzzy], "fuzzy entries left")

    def test_fr_keeps_placeholders_and_markup(self):
        for entry in self.fr.translated_entries():
            with self.subTest(msgid=entry.msgid[:60]):
                self.assertEqual(
                    Counter(PLACEHOLDER.findall(entry.msgstr)),
                    Counter(PLACEHOLDER.findall(entry.msgid)),
                )

    def test_fr_is_used_by_odoo(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["fr_FR"], overwrite=True)
        env_fr = self.env(context=dict(self.env.context, lang="fr_FR"))
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
