# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestStatusesAndSearch(CustomerDepositCommon):
    """What the deposit screens say: statuses named after what happened, the search bar and
    its filters, receipts of reversed deposits, buttons that are always refused."""

    def test_status_after_partial_refund_or_forfeit(self):
        refunded = self.create_deposit(amount=300.0)
        refunded.refund(amount=100.0)
        forfeited = self.create_deposit(amount=300.0)
        forfeited.forfeit(amount=50.0)
        applied = self.create_deposit(amount=300.0)
        applied.apply_to_invoice(self.create_invoice(amount=100.0))
        applied.refund(amount=100.0)
        self.assertRecordValues(
            refunded + forfeited + applied,
            [
                {"state": "partial_refund", "amount_applied": 0.0, "amount_residual": 200.0},
                {"state": "partial_forfeit", "amount_applied": 0.0, "amount_residual": 250.0},
                {"state": "partial", "amount_applied": 100.0, "amount_residual": 100.0},
            ],
        )
        labels = dict(
            self.env["customer.deposit"]._fields["state"]._description_selection(self.env)
        )
        self.assertEqual(labels["partial_refund"], "Partially Refunded")
        self.assertEqual(labels["partial_forfeit"], "Partially Forfeited")
        # Still open: they can be used, and the invoice offers them.
        invoice = self.create_invoice(amount=100.0)
        self.assertEqual(invoice.deposit_available_ids, refunded + forfeited + applied)
        refunded.apply_to_invoice(invoice, amount=20.0)
        self.assertEqual(refunded.state, "partial")

    def _search(self, text):
        """The deposits the search bar's default field finds for ``text``."""
        arch = etree.fromstring(
            self.env.ref("customer_deposit.customer_deposit_view_search").arch_db
        )
        field = arch.xpath("//field[@name='name']")[0]
        domain = safe_eval(field.get("filter_domain"), {"self": text})
        return self.env["customer.deposit"].search(domain)

    def _filter(self, *names):
        arch = etree.fromstring(
            self.env.ref("customer_deposit.customer_deposit_view_search").arch_db
        )
        domains = [
            safe_eval(arch.xpath(f"//filter[@name='{name}']")[0].get("domain")) for name in names
        ]
        # Filters of one group are ORed by the web client.
        domain = ["|"] * (len(domains) - 1) + [leaf for d in domains for leaf in d]
        return self.env["customer.deposit"].search([("partner_id", "=", self.customer.id), *domain])

    def test_search_by_customer_name_and_filters(self):
        other = self.env["res.partner"].create({"name": "Zebulon Rentals"})
        mine = self.create_deposit(amount=100.0, partner=other)
        self.create_deposit(amount=100.0)
        self.assertEqual(self._search("Zebulon"), mine)
        self.assertEqual(self._search(mine.name), mine)
        self.assertEqual(self._search("CHQ-001").partner_id, other | self.customer)

        open_deposit = self.create_deposit(amount=100.0)
        applied = self.create_deposit(amount=100.0)
        applied.apply_to_invoice(self.create_invoice(amount=100.0))
        refunded = self.create_deposit(amount=100.0)
        refunded.refund()
        reversed_deposit = self.create_deposit(amount=100.0)
        reversed_deposit.reverse(reason="bounced", bounced=True)
        draft = self.create_deposit(amount=100.0, post=False)
        self.assertIn(open_deposit, self._filter("filter_open"))
        self.assertEqual(self._filter("filter_applied"), applied)
        self.assertEqual(self._filter("filter_refunded"), refunded)
        # Filters add up: unapplied + reversed shows both, never nothing.
        both = self._filter("filter_open", "filter_reversed")
        self.assertIn(open_deposit, both)
        self.assertIn(reversed_deposit, both)
        self.assertNotIn(draft, both)
        self.assertIn(draft, self._filter("filter_open", "filter_draft"))

    def test_reversed_deposit_has_no_receipt(self):
        deposit = self.create_deposit(amount=100.0)
        deposit.reverse(reason="cheque returned", bounced=True)
        with self.assertRaisesRegex(UserError, "was reversed"):
            self.env["ir.actions.report"]._render_qweb_html(
                "customer_deposit.action_report_deposit_receipt", deposit.ids
            )
        with self.assertRaisesRegex(UserError, "was reversed"):
            deposit.action_send_receipt()
        # Its entries offer no Reset to Draft, and its payment no Reset/Cancel/Reject.
        self.assertFalse(any(deposit.move_ids.mapped("show_reset_to_draft_button")))
        arch = self.env["account.payment"].get_view(view_type="form")["arch"]
        self.assertIn("deposit_id", arch)

    def test_receipt_of_a_used_deposit_does_not_say_held(self):
        deposit = self.create_deposit(amount=100.0)
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_deposit.action_report_deposit_receipt", deposit.ids
        )[0]
        self.assertIn(b"held on your account", html)
        deposit.apply_to_invoice(self.create_invoice(amount=100.0))
        html = self.env["ir.actions.report"]._render_qweb_html(
            "customer_deposit.action_report_deposit_receipt", deposit.ids
        )[0]
        self.assertNotIn(b"held on your account", html)

    def test_cancelled_deposit_is_named_and_frozen(self):
        deposit = self.create_deposit(amount=100.0, post=False)
        deposit.action_cancel()
        self.assertEqual(deposit.display_name, "Cancelled Deposit")
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            deposit.amount = 200.0
        deposit.action_draft()
        deposit.amount = 200.0
        self.assertEqual(deposit.amount, 200.0)

    def test_transfer_journal_has_its_own_code(self):
        journal = self.company.deposit_journal_id
        self.assertFalse(journal.code.startswith("DEP"), journal.code)
        deposit = self.create_deposit(amount=100.0)
        move = deposit.apply_to_invoice(self.create_invoice(amount=100.0)).move_id
        self.assertFalse(move.name.startswith("DEP/"), move.name)
        self.assertTrue(deposit.name.startswith("DEP/"))

    def test_receipt_item_label_has_no_dangling_separator(self):
        deposit = self.create_deposit(amount=100.0)
        labels = deposit.payment_id.move_id.line_ids.mapped("name")
        self.assertTrue(all(label.endswith("CHQ-001") for label in labels), labels)
        refund = deposit.refund(amount=10.0)
        for label in refund.move_id.line_ids.mapped("name"):
            self.assertFalse(label.rstrip().endswith("-"), label)

    def test_form_amounts_show_currency_without_multi_currency(self):
        """The amounts carry their currency symbol for every user: the form holds the
        currency field outside the multi-currency group too (the visible selector next to
        the amount is for multi-currency users only)."""
        arch = etree.fromstring(self.env.ref("customer_deposit.customer_deposit_view_form").arch)
        self.assertTrue(arch.xpath("//field[@name='currency_id'][not(@groups)]"))
        self.assertTrue(arch.xpath("//field[@name='currency_id'][@groups]"))
