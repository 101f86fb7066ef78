# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from collections import Counter

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path
from odoo.tools.translate import TranslationModuleReader

# What a translation must keep as it is: %-placeholders of _() and the XML elements, QWeb
# expressions and attributes of view, report and mail template terms.
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]*>|\{\{.*?\}\}")


class I18nCatalogueChecks:
    """The .pot of ``module`` holds every translatable term of the addon and fr.po translates
    all of them, keeping placeholders and markup. A mixin, not a test case (so that no test
    runner collects it on its own): each addon's TestI18n is ``(I18nCatalogueChecks,
    TransactionCase)`` and checks a few French terms as Odoo shows them."""

    module = None
    # Fewer terms than this: the reader did not find the addon's terms.
    min_terms = 20

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The same reader as `odoo-bin --i18n-export --modules=<module>`: Python and
        # JavaScript terms of the addon's code, and terms of its records (fields, views,
        # menus, actions, reports, mail templates).
        reader = TranslationModuleReader(cls.env.cr, modules=[cls.module])
        cls.terms = {source for _module, _type, _name, _res_id, source, _value, _cmt in reader}
        cls.pot = polib.pofile(file_path(f"{cls.module}/i18n/{cls.module}.pot"))
        cls.fr = polib.pofile(file_path(f"{cls.module}/i18n/fr.po"))

    def test_pot_has_every_term(self):
        self.assertGreater(len(self.terms), self.min_terms, "the reader found the addon's terms")
        missing = sorted(self.terms - {entry.msgid for entry in self.pot})
        self.assertFalse(
            missing,
            f"{len(missing)} translatable terms are missing from i18n/{self.module}.pot: run "
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

    def env_fr(self):
        """An environment in French, with the addon's French terms loaded."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms([self.module], ["fr_FR"], overwrite=True)
        return self.env(context=dict(self.env.context, lang="fr_FR"))


@tagged("post_install", "-at_install")
class TestI18n(I18nCatalogueChecks, TransactionCase):
    module = "customer_deposit"
    # Odoo's loader runs only the test methods a class defines itself, unless told so.
    allow_inherited_tests_method = True
    min_terms = 100

    def test_fr_is_used_by_odoo(self):
        env_fr = self.env_fr()
        self.assertEqual(env_fr["ir.model"]._get("customer.deposit").name, "Acompte client")
        states = dict(env_fr["customer.deposit"]._fields["state"]._description_selection(env_fr))
        self.assertEqual(states["partial"], "Partiellement imputé")
        self.assertEqual(states["reversed"], "Extourné")
        self.assertEqual(
            env_fr._("Deposit %s is not a draft: only drafts can be posted.", "DEP/1"),
            "L’acompte DEP/1 n’est pas un brouillon : seuls les brouillons peuvent être "
            "comptabilisés.",
        )
