# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import CustomerDepositSaleCommon


@tagged("post_install", "-at_install")
class TestSaleDeposit(CustomerDepositSaleCommon):
    def test_register_deposit_from_quotation(self):
        order = self.create_order()
        self.assertEqual(order.amount_total, 2000.0)
        action = order.action_register_deposit()
        self.assertEqual(action["res_model"], "customer.deposit.register")
        self.assertEqual(action["context"]["default_amount"], 2000.0)

        deposit = self.register_deposit(order, amount=600.0)
        # The commercial entity holds the deposit, not the contact who ordered.
        self.assertRecordValues(
            deposit,
            [
                {
                    "partner_id": self.customer.id,
                    "sale_order_id": order.id,
                    "currency_id": self.company.currency_id.id,
                    "amount": 600.0,
                    "state": "received",
                }
            ],
        )
        self.assertRecordValues(
            deposit.payment_id.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 600.0,
                    "amount_currency": -600.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 600.0,
                    "credit": 0.0,
                    "amount_currency": 600.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": False,
                },
            ],
        )
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_count": 1,
                    "deposit_amount_received": 600.0,
                    "deposit_amount_held": 600.0,
                    "deposit_amount_due": 1400.0,
                }
            ],
        )
        # A draft deposit counts in the button, not in the money received.
        self.register_deposit(order, amount=50.0, post=False)
        self.assertRecordValues(order, [{"deposit_count": 2, "deposit_amount_received": 600.0}])
        # The next suggestion is what is still due.
        self.assertEqual(order.action_register_deposit()["context"]["default_amount"], 1400.0)

        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 600.0,
                    "deposit_amount_due": 1400.0,
                }
            ],
        )
        action = order.action_view_deposits()
        self.assertEqual(self.env["customer.deposit"].search(action["domain"]), order.deposit_ids)

    def test_suggested_amount_prepayment(self):
        order = self.create_order(require_payment=True, prepayment_percent=0.3)
        self.assertEqual(order._get_deposit_suggested_amount(), 600.0)
        self.register_deposit(order, amount=200.0)
        # 30% asked online: 400.0 of it is still missing.
        self.assertEqual(order._get_deposit_suggested_amount(), 400.0)
        self.register_deposit(order, amount=500.0)
        # Prepayment covered: the rest of the order is suggested.
        self.assertEqual(order._get_deposit_suggested_amount(), 1300.0)
        # Never below zero.
        self.register_deposit(order, amount=1500.0)
        self.assertRecordValues(
            order, [{"deposit_amount_received": 2200.0, "deposit_amount_due": 0.0}]
        )

    def test_register_refused_on_cancelled_order(self):
        order = self.create_order()
        deposit = self.register_deposit(order, amount=100.0, post=False)
        order.action_cancel()
        self.assertEqual(deposit.state, "cancel", "draft deposits go with the order")
        with self.assertRaisesRegex(UserError, "cancelled"):
            order.action_register_deposit()
        draft = self.create_deposit(amount=10.0, post=False)
        draft.sale_order_id = self.create_order()
        with self.assertRaisesRegex(UserError, "cancelled"):
            draft.sale_order_id = order
        deposit.action_draft()
        with self.assertRaisesRegex(UserError, "cancelled"):
            deposit.action_post()
        self.assertFalse(deposit.payment_id)

    def test_order_in_foreign_currency(self):
        order = self.create_order(pricelist_id=self.eur_pricelist.id)
        self.assertEqual(order.currency_id, self.other_currency)
        deposit = self.register_deposit(order, amount=600.0)
        self.assertEqual(deposit.currency_id, self.other_currency)
        # 2 EUR per company unit today.
        self.assertRecordValues(
            deposit.payment_id.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 300.0,
                    "amount_currency": -600.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 300.0,
                    "credit": 0.0,
                    "amount_currency": 600.0,
                    "currency_id": self.other_currency.id,
                    "reconciled": False,
                },
            ],
        )
        # A deposit taken in the company currency counts in the order currency.
        self.create_deposit(amount=100.0, sale_order_id=order.id)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_count": 2,
                    "deposit_amount_received": 800.0,
                    "deposit_amount_held": 800.0,
                    "deposit_amount_due": 1200.0,
                }
            ],
        )

    def test_deposit_used_elsewhere_no_longer_covers_the_order(self):
        order = self.create_order(confirm=True)
        deposit = self.register_deposit(order, amount=500.0)
        other_invoice = self.create_invoice(amount=200.0)
        application = deposit.apply_to_invoice(other_invoice)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 300.0,
                    "deposit_amount_held": 300.0,
                    "deposit_amount_due": 1700.0,
                }
            ],
        )
        application.action_unapply()
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 500.0,
                    "deposit_amount_held": 500.0,
                    "deposit_amount_due": 1500.0,
                }
            ],
        )

    def test_report_and_portal_show_deposits(self):
        order = self.create_order()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale.action_report_saleorder", order.ids)[0]
            .decode()
        )
        self.assertNotIn("Deposits received", html)
        self.register_deposit(order, amount=600.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("sale.action_report_saleorder", order.ids)[0]
            .decode()
        )
        self.assertIn("Deposits received", html)
        self.assertIn("Amount due after deposits", html)
        self.assertIn("1,400.00", html)
        portal = str(
            self.env["ir.qweb"]._render(
                "sale.sale_order_portal_content_totals_table", {"sale_order": order.sudo()}
            )
        )
        self.assertIn("Deposits received", portal)
        self.assertIn("1,400.00", portal)

    def test_relink_to_amended_order(self):
        order = self.create_order(confirm=True)
        amended = self.create_order(qty=5.0, confirm=True)
        deposit = self.register_deposit(order, amount=700.0)
        deposit.sale_order_id = amended
        self.assertRecordValues(order, [{"deposit_amount_received": 0.0, "deposit_count": 0}])
        self.assertRecordValues(
            amended, [{"deposit_amount_received": 700.0, "deposit_amount_due": 1800.0}]
        )
        other_customer = self.create_order(partner=self.partner_b)
        with self.assertRaisesRegex(ValidationError, "own customer"):
            deposit.sale_order_id = other_customer
        self.assertEqual(deposit.sale_order_id, amended)
        # Once anything is applied, the deposit stays with its order.
        self.company.deposit_auto_apply = "always"
        amended.order_line.qty_delivered = 1.0
        invoice = self.invoice_delivered(amended)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(deposit.amount_applied, 500.0)
        with self.assertRaisesRegex(UserError, "Unapply it first"):
            deposit.sale_order_id = order
        self.assertEqual(deposit.sale_order_id, amended)

    def test_full_path_with_down_payment_and_partial_invoices(self):
        """quote -> deposit -> confirm -> down payment invoice -> deliver part -> invoice ->
        deliver the rest -> invoice: the order's deposit pays each invoice as posted."""
        self.company.deposit_auto_apply = "always"
        order = self.create_order(qty=4.0)
        deposit = self.register_deposit(order, amount=1500.0)
        order.action_confirm()

        # Odoo's own down payment: 200.0, paid by the deposit when posted.
        wizard = self.env["sale.advance.payment.inv"].create(
            {
                "advance_payment_method": "fixed",
                "fixed_amount": 200.0,
                "sale_order_ids": [Command.set(order.ids)],
            }
        )
        wizard.create_invoices()
        down_payment = order.invoice_ids
        self.assertEqual(down_payment.amount_total, 200.0)
        down_payment.action_post()
        self.assertEqual(down_payment.payment_state, "paid")
        self.assert_transfer(deposit.application_ids, 200.0)
        self.assertRecordValues(
            deposit, [{"amount_applied": 200.0, "amount_residual": 1300.0, "state": "partial"}]
        )

        # Two days delivered: 1000.0 less the down payment.
        order.order_line.filtered(lambda line: not line.is_downpayment).qty_delivered = 2.0
        first = self.invoice_delivered(order)
        self.assertEqual(first.amount_total, 800.0)
        self.assertEqual(first.payment_state, "paid")
        application = deposit.application_ids.filtered(lambda a: a.invoice_id == first)
        self.assert_transfer(application, 800.0)
        self.assertEqual(deposit.amount_residual, 500.0)

        # The rest delivered: the deposit's last 500.0 goes to the second invoice.
        order.order_line.filtered(lambda line: not line.is_downpayment).qty_delivered = 4.0
        second = self.invoice_delivered(order)
        self.assertEqual(second.amount_total, 1000.0)
        self.assertEqual(second.payment_state, "partial")
        self.assertEqual(second.amount_residual, 500.0)
        application = deposit.application_ids.filtered(lambda a: a.invoice_id == second)
        self.assert_transfer(application, 500.0)
        self.assertRecordValues(
            deposit,
            [
                {
                    "amount_applied": 1500.0,
                    "amount_residual": 0.0,
                    "state": "applied",
                }
            ],
        )
        # The order still shows the money received; applications do not change it.
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 1500.0,
                    "deposit_amount_held": 0.0,
                    "deposit_amount_due": 500.0,
                }
            ],
        )
        self.assertAlmostEqual(self.deposit_account_balance(), 0.0)

    def test_amount_due_counts_regular_payments(self):
        """The order's amount due after deposits agrees with its invoice's amount due when
        the invoice is also paid by a regular payment."""
        order = self.create_order(confirm=True)
        deposit = self.register_deposit(order, amount=600.0)
        order.order_line.qty_delivered = 4.0
        invoice = self.invoice_delivered(order)
        deposit.apply_to_invoice(invoice)
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 400.0})._create_payments()
        self.assertEqual(invoice.amount_residual, 1000.0)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_amount_received": 600.0,
                    "deposit_amount_held": 0.0,
                    "deposit_amount_due": 1000.0,
                }
            ],
        )
        # A cancelled order owes nothing.
        cancelled = self.create_order(confirm=True)
        self.register_deposit(cancelled, amount=100.0, post=False)
        cancelled._action_cancel()
        self.assertEqual(cancelled.deposit_amount_due, 0.0)


@tagged("post_install", "-at_install")
class TestSaleDepositCancel(CustomerDepositSaleCommon):
    def cancel_with(self, order, choice, **values):
        action = order.action_cancel()
        self.assertEqual(action["res_model"], "sale.order.deposit.cancel")
        Wizard = self.env[action["res_model"]].with_env(order.env).with_context(**action["context"])
        with Form(Wizard) as form:
            form.choice = choice
            for name, value in values.items():
                setattr(form, name, value)
        wizard = form.record
        self.assertEqual(wizard.deposit_ids, order.deposit_ids.filtered("payment_id"))
        wizard.action_confirm()
        self.assertEqual(order.state, "cancel")
        return wizard

    def test_cancel_without_deposits_is_odoo_s_cancel(self):
        order = self.create_order(confirm=True)
        action = order.action_cancel()
        self.assertEqual(action["res_model"], "sale.order.cancel")
        # A fully applied deposit holds nothing: no question either.
        self.company.deposit_auto_apply = "always"
        deposit = self.register_deposit(order, amount=500.0)
        order.order_line.qty_delivered = 1.0
        self.invoice_delivered(order)
        self.assertEqual(deposit.state, "applied")
        self.assertEqual(order.action_cancel()["res_model"], "sale.order.cancel")

    def test_cancel_keep_deposits(self):
        order = self.create_order(confirm=True)
        deposit = self.register_deposit(order, amount=500.0)
        draft = self.register_deposit(order, amount=20.0, post=False)
        moves_before = self.env["account.move"].search_count([("deposit_id", "=", deposit.id)])
        self.assertEqual(order.deposit_amount_held, 500.0)
        self.cancel_with(order, "keep")
        # Nothing posted; the deposit keeps its link for history and its whole balance.
        self.assertEqual(
            self.env["account.move"].search_count([("deposit_id", "=", deposit.id)]), moves_before
        )
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "received",
                    "amount_residual": 500.0,
                    "sale_order_id": order.id,
                }
            ],
        )
        self.assertEqual(draft.state, "cancel")
        self.assertIn(deposit.name, order.message_ids[0].body)
        # Still usable on any invoice of the customer.
        invoice = self.create_invoice(amount=300.0)
        deposit.apply_to_invoice(invoice)
        self.assertEqual(invoice.payment_state, "paid")
        self.assertEqual(deposit.amount_residual, 200.0)

    def test_cancel_refund_deposits(self):
        order = self.create_order(confirm=True)
        deposit = self.register_deposit(order, amount=500.0)
        self.cancel_with(order, "refund", journal_id=self.bank_journal)
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "refunded",
                    "amount_refunded": 500.0,
                    "amount_residual": 0.0,
                }
            ],
        )
        refund = self.env["account.move"].search(
            [("deposit_id", "=", deposit.id), ("deposit_move_kind", "=", "refund")]
        )
        self.assertRecordValues(
            self.deposit_lines(refund),
            [
                {
                    "partner_id": self.customer.id,
                    "debit": 500.0,
                    "credit": 0.0,
                    "amount_currency": 500.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": True,
                }
            ],
        )
        self.assertRecordValues(
            order, [{"deposit_amount_received": 0.0, "deposit_amount_held": 0.0}]
        )

    def test_cancel_forfeit_deposits(self):
        order = self.create_order(confirm=True)
        deposit = self.register_deposit(order, amount=500.0)
        self.cancel_with(order, "forfeit")
        self.assertRecordValues(deposit, [{"state": "forfeited", "amount_forfeited": 500.0}])
        forfeit = self.env["account.move"].search(
            [("deposit_id", "=", deposit.id), ("deposit_move_kind", "=", "forfeit")]
        )
        self.assertRecordValues(
            forfeit.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.company.deposit_forfeit_account_id.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 500.0,
                    "amount_currency": -500.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 500.0,
                    "credit": 0.0,
                    "amount_currency": 500.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": True,
                },
            ],
        )

    def test_cancel_choices_of_salesman(self):
        salesman = self.create_role_user("salesman")
        order = self.create_order(confirm=True, user_id=salesman.id)
        deposit = self.register_deposit(order, amount=500.0)
        Wizard = self.env["sale.order.deposit.cancel"].with_user(salesman)
        self.assertEqual([key for key, _label in Wizard._selection_choice()], ["keep"])
        wizard = Wizard.create({"order_id": order.id})
        wizard.choice = "refund"  # what an RPC call could send
        with self.assertRaisesRegex(UserError, "Only accountants"):
            wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.cancel_with(order.with_user(salesman), "keep")
        self.assertEqual(deposit.state, "received")


@tagged("post_install", "-at_install")
class TestSaleDepositAccess(CustomerDepositSaleCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman", "salesman_all")
        cls.users["other_salesman"] = cls.create_role_user("salesman", "cd_other_salesman")
        cls.own_order = cls.create_order(user_id=cls.users["salesman"].id)
        cls.other_order = cls.create_order(user_id=cls.users["other_salesman"].id)
        cls.other_deposit = cls.create_deposit(amount=300.0, sale_order_id=cls.other_order.id)
        cls.unlinked_deposit = cls.create_deposit(amount=400.0)

    def test_salesman_registers_and_posts_on_his_order(self):
        order = self.own_order.with_user(self.users["salesman"])
        deposit = self.register_deposit(order, amount=250.0)
        self.assertEqual(deposit.env.user, self.users["salesman"])
        self.assertRecordValues(deposit, [{"state": "received", "amount_residual": 250.0}])
        self.assertRecordValues(
            deposit.sudo().payment_id.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 250.0,
                    "amount_currency": -250.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": False,
                },
                {
                    "account_id": self.outstanding_receipts.id,
                    "partner_id": self.customer.id,
                    "debit": 250.0,
                    "credit": 0.0,
                    "amount_currency": 250.0,
                    "currency_id": self.company.currency_id.id,
                    "reconciled": False,
                },
            ],
        )
        self.assertRecordValues(
            order, [{"deposit_amount_received": 250.0, "deposit_amount_due": 1750.0}]
        )
        action = order.action_view_deposits()
        self.assertEqual(action["res_id"], deposit.id)
        # The form still opens for him once posted.
        with Form(deposit) as form:
            form.ref = "half of the first day"
        # He may move it to another of his orders, never unlink it or give it away.
        second = self.create_order(user_id=self.users["salesman"].id).with_user(
            self.users["salesman"]
        )
        deposit.sale_order_id = second
        with self.assertRaisesRegex(UserError, "stay linked"):
            deposit.sale_order_id = False
        with self.assertRaises(AccessError):
            deposit.sale_order_id = self.other_order
        self.assertEqual(deposit.sale_order_id, second)

    def test_salesman_sees_only_deposits_of_his_orders(self):
        Deposit = self.env["customer.deposit"].with_user(self.users["salesman"])
        mine = self.create_deposit(amount=100.0, sale_order_id=self.own_order.id)
        unassigned = self.create_deposit(
            amount=50.0, sale_order_id=self.create_order(user_id=False).id
        )
        self.assertEqual(Deposit.search([]), mine | unassigned)
        with self.assertRaises(AccessError):
            self.other_deposit.with_user(self.users["salesman"]).read(["amount"])
        with self.assertRaises(AccessError):
            self.unlinked_deposit.with_user(self.users["salesman"]).read(["amount"])
        # "All documents" salesmen see every order's deposits, still not unlinked ones.
        seen = self.env["customer.deposit"].with_user(self.users["salesman_all"]).search([])
        self.assertEqual(seen, mine | unassigned | self.other_deposit)

    def test_salesman_cannot_post_unlinked_or_foreign_deposits(self):
        with self.assertRaisesRegex(UserError, "stay linked"):
            self.env["customer.deposit"].with_user(self.users["salesman"]).create(
                {
                    "partner_id": self.customer.id,
                    "amount": 10.0,
                    "payment_reference": "CASH",
                }
            )
        draft = self.create_deposit(amount=10.0, post=False)
        with self.assertRaises(AccessError):
            draft.with_user(self.users["salesman"]).action_post()
        draft_other = self.create_deposit(
            amount=10.0, post=False, sale_order_id=self.other_order.id
        )
        with self.assertRaises(AccessError):
            draft_other.with_user(self.users["salesman"]).action_post()
        with self.assertRaises(AccessError):
            self.env["customer.deposit"].with_user(self.users["salesman"]).create(
                {
                    "partner_id": self.customer.id,
                    "amount": 10.0,
                    "payment_reference": "CASH",
                    "sale_order_id": self.other_order.id,
                }
            )
        self.assertFalse(draft.payment_id or draft_other.payment_id)

    def test_salesman_never_sees_other_company_deposits(self):
        company2 = self.setup_other_company(name="Deposit Co 2")["company"]
        self.users["salesman"].company_ids = [Command.link(company2.id)]
        order2 = self.create_order(
            80.0,
            qty=1.0,
            partner=self.customer,
            company=company2,
            user_id=self.users["salesman"].id,
        )
        deposit2 = (
            self.env["customer.deposit"]
            .with_company(company2)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": company2.id,
                    "amount": 80.0,
                    "payment_reference": "C2",
                    "sale_order_id": order2.id,
                }
            )
        )
        deposit2.action_post()
        mine = self.create_deposit(amount=100.0, sale_order_id=self.own_order.id)
        Deposit = (
            self.env["customer.deposit"]
            .with_user(self.users["salesman"])
            .with_context(allowed_company_ids=self.company.ids)
        )
        self.assertEqual(Deposit.search([]), mine)
        with self.assertRaises(AccessError):
            deposit2.with_user(self.users["salesman"]).with_context(
                allowed_company_ids=self.company.ids
            ).read(["amount"])
