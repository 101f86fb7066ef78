# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged

from .common import CustomerDepositSaleCommon, RpcMixin


class OnlinePaymentCommon(CustomerDepositSaleCommon):
    """The demo payment provider (payment_demo, installed for the tests) in the test
    company, paying into its bank journal, and transactions for sales orders."""

    ledger_tied_after_each_test = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = (
            cls.env.ref("payment.payment_provider_demo")
            .sudo()
            .copy({"company_id": cls.company.id, "state": "test", "is_published": True})
        )
        cls.provider.journal_id = cls.bank_journal
        cls.provider_method_line = cls.bank_journal.inbound_payment_method_line_ids.filtered(
            lambda line: line.payment_provider_id == cls.provider
        )
        cls.demo_method = cls.env.ref("payment_demo.payment_method_demo")
        cls.tx_count = 0

    @classmethod
    def create_tx(cls, orders, amount, invoices=None, **vals):
        """A transaction of the demo provider paying ``amount`` for ``orders`` (and
        ``invoices``), not processed yet."""
        cls.tx_count += 1
        return (
            cls.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": cls.provider.id,
                    "payment_method_id": cls.demo_method.id,
                    "reference": f"CD-TX-{cls.tx_count}",
                    "amount": amount,
                    "currency_id": orders[:1].currency_id.id,
                    "partner_id": orders[:1].partner_invoice_id.id,
                    "operation": "online_direct",
                    "sale_order_ids": [Command.set(orders.ids)],
                    "invoice_ids": [Command.set((invoices or cls.env["account.move"]).ids)],
                    **vals,
                }
            )
        )

    @classmethod
    def pay(cls, tx):
        """The provider confirms the transaction and Odoo post-processes it, as its cron or
        the customer's landing page does."""
        tx._set_done()
        tx._post_process()
        return tx

    @classmethod
    def refund(cls, tx, amount=None, user=None):
        """Refund ``amount`` of ``tx`` through the provider as ``user`` (Odoo's Refund on the
        payment): the demo provider confirms the refund at once, its cron post-processes
        it (run here)."""
        tx = tx.with_user(user) if user else tx
        tx.action_refund(amount_to_refund=amount)
        refund_tx = (
            tx.sudo()
            .child_transaction_ids.filtered(lambda child: child.operation == "refund")
            .sorted("id")[-1:]
        )
        refund_tx._post_process()
        return refund_tx

    @classmethod
    def create_prepaid_quotation(cls, percent=0.3):
        """A quotation of 2,000.0 asking for ``percent`` of it online before confirmation."""
        return cls.create_order(require_payment=True, prepayment_percent=percent)


@tagged("post_install", "-at_install")
class TestOnlinePrepayment(OnlinePaymentCommon):
    def test_prepayment_becomes_posted_deposit_of_the_order(self):
        order = self.create_prepaid_quotation()
        tx = self.pay(self.create_tx(order, 600.0))
        deposit = order.deposit_ids
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "received",
                    "partner_id": self.customer.id,
                    "sale_order_id": order.id,
                    "amount": 600.0,
                    "currency_id": self.currency.id,
                    "journal_id": self.bank_journal.id,
                    "payment_method_line_id": self.provider_method_line.id,
                    "payment_reference": tx.reference,
                    "payment_id": tx.payment_id.id,
                    "amount_residual": 600.0,
                }
            ],
        )
        payment = tx.payment_id
        self.assertRecordValues(
            payment,
            [
                {
                    "deposit_id": deposit.id,
                    "payment_transaction_id": tx.id,
                    "state": "in_process",
                    "amount": 600.0,
                    "payment_reference": tx.reference,
                }
            ],
        )
        # Held on the deposit liability, nothing on the receivable.
        self.assertRecordValues(
            payment.move_id.line_ids.sorted("balance"),
            [
                {
                    "account_id": self.deposit_account.id,
                    "partner_id": self.customer.id,
                    "debit": 0.0,
                    "credit": 600.0,
                },
                {
                    "account_id": payment.outstanding_account_id.id,
                    "partner_id": self.customer.id,
                    "debit": 600.0,
                    "credit": 0.0,
                },
            ],
        )
        self.assertFalse(
            payment.move_id.line_ids.filtered(lambda line: line.account_id == self.receivable)
        )
        # Odoo's own flow: the order is confirmed by the amount paid online, chatter says so.
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.amount_paid, 600.0)
        self.assertEqual(order.deposit_amount_received, 600.0)
        self.assertTrue(any(tx.reference in (m.body or "") for m in order.message_ids))
        self.assertEqual(-self.deposit_account_balance(), 600.0)

    def test_not_enough_for_confirmation_still_a_deposit(self):
        order = self.create_prepaid_quotation(percent=0.5)
        self.pay(self.create_tx(order, 400.0))
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.deposit_ids.amount, 400.0)
        self.assertEqual(order.deposit_ids.state, "received")

    def test_order_invoice_takes_the_deposit_on_auto_apply(self):
        self.company.deposit_auto_apply = "always"
        order = self.create_prepaid_quotation()
        self.pay(self.create_tx(order, 600.0))
        order.order_line.qty_delivered = 4.0
        invoice = self.invoice_delivered(order)
        deposit = order.deposit_ids
        self.assertEqual(invoice.amount_residual, 1400.0)
        self.assertRecordValues(deposit, [{"state": "applied", "amount_applied": 600.0}])
        self.assertEqual(deposit.application_ids.invoice_id, invoice)

    def test_automatic_invoicing_no_down_payment_for_a_deposit(self):
        self.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", "True")
        order = self.create_prepaid_quotation()
        tx = self.pay(self.create_tx(order, 600.0))
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.invoice_ids, "the deposit holds the prepayment: no down payment")
        self.assertFalse(tx.invoice_ids)
        self.assertEqual(order.deposit_ids.amount_residual, 600.0)

    def test_automatic_invoicing_final_invoice_paid_by_the_deposit(self):
        self.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", "True")
        self.company.deposit_auto_apply = "always"
        order = self.create_prepaid_quotation()
        tx = self.pay(self.create_tx(order, 2000.0))
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(tx.invoice_ids, invoice)
        self.assertRecordValues(invoice, [{"state": "posted", "amount_total": 2000.0}])
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertRecordValues(order.deposit_ids, [{"state": "applied", "amount_residual": 0.0}])
        self.assertEqual(tx.payment_id, order.deposit_ids.payment_id)

    def test_automatic_invoicing_down_payment_only_for_what_is_not_a_deposit(self):
        """An order paid online once as a deposit, then once more after the setting was
        turned off: Odoo's down payment invoices what was paid less the deposit."""
        self.env["ir.config_parameter"].sudo().set_param("sale.automatic_invoice", "True")
        order = self.create_prepaid_quotation()
        self.pay(self.create_tx(order, 600.0))
        self.assertFalse(order.invoice_ids)
        self.company.deposit_online_payments = False
        tx = self.pay(self.create_tx(order, 300.0))
        self.assertFalse(tx.payment_id.deposit_id)
        self.assertEqual(order.invoice_ids.mapped("amount_total"), [300.0])
        self.assertEqual(order.deposit_ids.amount_residual, 600.0)

    def test_setting_off_keeps_odoo_payment(self):
        self.company.deposit_online_payments = False
        order = self.create_prepaid_quotation()
        tx = self.pay(self.create_tx(order, 600.0))
        self.assertFalse(order.deposit_ids)
        self.assertFalse(tx.payment_id.deposit_id)
        self.assertEqual(tx.payment_id.destination_account_id, self.receivable)
        self.assertEqual(order.state, "sale")

    def test_two_orders_left_to_odoo_with_a_note(self):
        first = self.create_prepaid_quotation()
        second = self.create_prepaid_quotation()
        tx = self.pay(self.create_tx(first + second, 1200.0))
        self.assertFalse((first + second).deposit_ids)
        self.assertFalse(tx.payment_id.deposit_id)
        self.assertEqual(tx.payment_id.destination_account_id, self.receivable)
        for order in first + second:
            self.assertTrue(
                any("not as a deposit" in (m.body or "") for m in order.message_ids), order.name
            )

    def test_order_and_invoice_left_to_odoo(self):
        order = self.create_order(confirm=True)
        invoice = self.create_invoice(amount=300.0)
        tx = self.pay(self.create_tx(order, 300.0, invoices=invoice))
        self.assertFalse(order.deposit_ids)
        self.assertFalse(tx.payment_id.deposit_id)
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))

    def test_invoice_payment_left_to_odoo(self):
        invoice = self.create_invoice(amount=300.0)
        self.tx_count += 1
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": self.provider.id,
                    "payment_method_id": self.demo_method.id,
                    "reference": "CD-INV-TX",
                    "amount": 300.0,
                    "currency_id": self.currency.id,
                    "partner_id": self.customer.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                }
            )
        )
        self.pay(tx)
        self.assertFalse(tx.payment_id.deposit_id)
        self.assertFalse(
            self.env["customer.deposit"].search([("company_id", "=", self.company.id)])
        )

    def test_cancelled_order_left_to_odoo(self):
        order = self.create_prepaid_quotation()
        tx = self.create_tx(order, 600.0)
        order._action_cancel()
        self.pay(tx)
        self.assertFalse(order.deposit_ids)
        self.assertFalse(tx.payment_id.deposit_id)

    def test_setting_in_the_deposit_settings_dialog(self):
        """On by default; accountants turn it off in the deposit settings dialog, nobody else
        can."""
        self.assertTrue(self.company.deposit_online_payments)
        accountant = self.create_role_user("accountant")
        billing = self.create_role_user("billing")
        with Form(self.env["customer.deposit.settings"].with_user(accountant)) as form:
            self.assertTrue(form.deposit_online_payments)
            form.deposit_online_payments = False
        form.record.action_save()
        self.assertFalse(self.company.deposit_online_payments)
        with self.assertRefusedWithoutWrites(AccessError):
            self.company.with_user(billing).write({"deposit_online_payments": True})
        with self.assertRefusedWithoutWrites(AccessError):
            self.env["customer.deposit.settings"].with_user(billing).create(
                {"deposit_online_payments": True}
            )

    def test_company_without_deposit_journal_left_to_odoo(self):
        """Money paid online is always booked: without the deposit settings, as Odoo does."""
        order = self.create_prepaid_quotation()
        self.company.deposit_journal_id = False
        tx = self.pay(self.create_tx(order, 600.0))
        self.assertFalse(order.deposit_ids)
        self.assertEqual(tx.payment_id.destination_account_id, self.receivable)

    def test_contact_pays_for_the_company(self):
        """The order is for a contact of the customer: the deposit is the customer's."""
        order = self.create_prepaid_quotation()
        self.assertEqual(order.partner_id, self.contact)
        self.pay(self.create_tx(order, 600.0))
        self.assertEqual(order.deposit_ids.partner_id, self.customer)
        # The customer's own contact paid: the payer is the customer, as for any deposit.
        self.assertEqual(order.deposit_ids.payer_name, self.customer.name)


@tagged("post_install", "-at_install")
class TestOnlineRefund(OnlinePaymentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("billing", "account_user")
        cls.order = cls.create_prepaid_quotation()
        cls.tx = cls.pay(cls.create_tx(cls.order, 600.0))
        cls.deposit = cls.order.deposit_ids

    def test_refund_through_provider_is_the_deposit_refund(self):
        refund_tx = self.refund(self.tx, 200.0, user=self.users["account_user"])
        self.assertRecordValues(
            refund_tx, [{"operation": "refund", "amount": -200.0, "state": "done"}]
        )
        refund = refund_tx.payment_id
        self.assertRecordValues(
            refund,
            [
                {
                    "deposit_id": self.deposit.id,
                    "payment_type": "outbound",
                    "amount": 200.0,
                    "payment_transaction_id": refund_tx.id,
                    "source_payment_id": self.deposit.payment_id.id,
                    "destination_account_id": self.deposit_account.id,
                }
            ],
        )
        self.assertEqual(refund.move_id.deposit_move_kind, "refund")
        self.assertRecordValues(
            self.deposit,
            [{"state": "partial_refund", "amount_refunded": 200.0, "amount_residual": 400.0}],
        )
        self.assertEqual(self.deposit.payment_id.amount_available_for_refund, 400.0)
        self.assertEqual(-self.deposit_account_balance(), 400.0)

    def test_refund_beyond_the_balance_refused(self):
        self.company.deposit_auto_apply = "always"
        self.order.order_line.qty_delivered = 1.0
        self.invoice_delivered(self.order)  # 500.0 of the 600.0 applied
        count = self.env["payment.transaction"].search_count([])
        with self.assertRefusedWithoutWrites(UserError, "only"):
            self.tx.action_refund(amount_to_refund=200.0)
        self.assertEqual(self.env["payment.transaction"].search_count([]), count)

    def test_refund_by_billing_user_refused(self):
        count = self.env["payment.transaction"].search_count([])
        with self.assertRefusedWithoutWrites(AccessError, "accountants"):
            self.tx.with_user(self.users["billing"]).action_refund(amount_to_refund=100.0)
        self.assertEqual(self.env["payment.transaction"].search_count([]), count)

    def test_full_refund(self):
        self.refund(self.tx)
        self.assertRecordValues(
            self.deposit, [{"state": "refunded", "amount_refunded": 600.0, "amount_residual": 0.0}]
        )


@tagged("post_install", "-at_install")
class TestDepositRequest(OnlinePaymentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman", "portal")
        cls.other_salesman = cls.create_role_user("salesman", login="cd_salesman_2")
        cls.order = cls.create_order(user_id=cls.users["salesman"].id)

    def test_request_sends_the_payment_link(self):
        order = self.order.with_user(self.users["salesman"])
        link = order.request_deposit(500.0)
        self.assertIn("/payment/pay", link)
        self.assertIn(f"sale_order_id={self.order.id}", link)
        self.assertIn("amount=500.0", link)
        message = self.order.message_ids[0]
        self.assertIn(link.replace("&", "&amp;"), message.body)
        self.assertIn(self.contact, message.partner_ids)
        self.assertRecordValues(
            self.order,
            [
                {
                    "deposit_amount_requested": 500.0,
                    "deposit_amount_received": 0.0,
                    "deposit_request_due": 500.0,
                }
            ],
        )

    def test_paying_the_request_makes_a_deposit(self):
        self.order.with_user(self.users["salesman"]).request_deposit(500.0)
        self.pay(self.create_tx(self.order, 500.0))
        self.assertEqual(self.order.deposit_ids.amount, 500.0)
        self.assertRecordValues(
            self.order,
            [
                {
                    "deposit_amount_requested": 500.0,
                    "deposit_amount_received": 500.0,
                    "deposit_request_due": 0.0,
                }
            ],
        )
        # A second request asks for more on top of what was received.
        self.order.with_user(self.users["salesman"]).request_deposit(300.0)
        self.assertRecordValues(
            self.order, [{"deposit_amount_requested": 800.0, "deposit_request_due": 300.0}]
        )
        # Paid more than asked: nothing due, never below zero.
        self.pay(self.create_tx(self.order, 400.0))
        self.assertEqual(self.order.deposit_request_due, 0.0)

    def test_refund_makes_the_request_due_again(self):
        self.order.request_deposit(500.0)
        self.refund(self.pay(self.create_tx(self.order, 500.0)), 200.0)
        self.assertEqual(self.order.deposit_amount_received, 300.0)
        self.assertEqual(self.order.deposit_request_due, 200.0)

    def test_default_amount_is_the_expected_deposit(self):
        order = self.create_order(
            user_id=self.users["salesman"].id, require_payment=True, prepayment_percent=0.25
        )
        order.with_user(self.users["salesman"]).request_deposit()
        self.assertEqual(order.deposit_amount_requested, 500.0)

    def test_request_dialog(self):
        order = self.order.with_user(self.users["salesman"])
        action = order.action_request_deposit()
        wizard_model = self.env[action["res_model"]].with_user(self.users["salesman"])
        with Form(
            wizard_model.with_context(**action["context"]),
            view="customer_deposit.payment_link_wizard_view_form_deposit",
        ) as form:
            self.assertEqual(form.amount, 2000.0)
            form.amount = 700.0
        form.record.action_send_deposit_request()
        self.assertEqual(self.order.deposit_amount_requested, 700.0)

    def test_refused_requests(self):
        order = self.order.with_user(self.users["salesman"])
        for amount, message in (
            (0.0, "greater than zero"),
            (-5.0, "greater than zero"),
            (2000.01, "at most"),
            ("abc", ""),
        ):
            with self.subTest(amount=amount), self.assertRefusedWithoutWrites(UserError, message):
                order.request_deposit(amount)
        self.assertFalse(
            self.order.message_ids.filtered(lambda m: "Deposit request" in (m.body or ""))
        )
        with self.assertRefusedWithoutWrites(AccessError):
            self.order.with_user(self.other_salesman).request_deposit(100.0)
        with self.assertRefusedWithoutWrites(AccessError, "kept by Customer Deposits"):
            order.write({"deposit_amount_requested": 100.0})
        self.company.deposit_online_payments = False
        with self.assertRefusedWithoutWrites(UserError, "deposit settings"):
            order.request_deposit(100.0)
        self.order._action_cancel()
        with self.assertRefusedWithoutWrites(UserError, "cancelled"):
            order.request_deposit(100.0)
        self.assertEqual(self.order.deposit_amount_requested, 0.0)


@tagged("post_install", "-at_install")
class TestOnlinePaymentRpc(OnlinePaymentCommon, HttpCase, RpcMixin):
    """The same rules through the external API: a portal customer never reads deposits (his
    own or others'), a salesman requests deposits on his own orders only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman")
        cls.portal = cls.create_role_user("portal", partner_id=cls.customer.id)
        cls.order = cls.create_order(user_id=cls.users["salesman"].id)
        other = cls.env["res.partner"].create({"name": "Other customer"})
        cls.other_order = cls.create_order(
            partner=other, require_payment=True, prepayment_percent=0.5
        )
        cls.pay(cls.create_tx(cls.order, 300.0))
        cls.pay(cls.create_tx(cls.other_order, 1000.0))

    def test_portal_reads_no_deposit(self):
        for protocol in ("xmlrpc", "jsonrpc"):
            uid = self.rpc_login(protocol, "cd_portal", "cd_portal")
            for method, positional in (
                ("search_read", [[]]),
                ("read", [self.other_order.deposit_ids.ids]),
                ("read", [self.order.deposit_ids.ids]),
            ):
                with self.subTest(protocol=protocol, method=method):
                    ok, error = self.rpc_execute(
                        protocol, uid, "cd_portal", "customer.deposit", method, positional, {}
                    )
                    self.assertFalse(ok, f"a portal user read deposits: {error}")
                    self.assertTrue(error["clear"], error)
            ok, error = self.rpc_execute(
                protocol,
                uid,
                "cd_portal",
                "sale.order",
                "request_deposit",
                [[self.order.id]],
                {"amount": 10.0},
            )
            self.assertFalse(ok)
            self.assertTrue(error["clear"], error)
            ok, error = self.rpc_execute(
                protocol,
                uid,
                "cd_portal",
                "payment.transaction",
                "action_refund",
                [self.order.transaction_ids.ids],
                {"amount_to_refund": 10.0},
            )
            self.assertFalse(ok)
        self.assertEqual(self.order.deposit_amount_requested, 0.0)
        self.assertEqual(self.order.deposit_ids.amount_residual, 300.0)

    def test_salesman_requests_over_rpc(self):
        for protocol in ("xmlrpc", "jsonrpc"):
            uid = self.rpc_login(protocol, "cd_salesman", "cd_salesman")
            ok, link = self.rpc_execute(
                protocol,
                uid,
                "cd_salesman",
                "sale.order",
                "request_deposit",
                [[self.order.id]],
                {"amount": 500.0},
            )
            self.assertTrue(ok, link)
            self.assertIn("/payment/pay", link)
            ok, error = self.rpc_execute(
                protocol,
                uid,
                "cd_salesman",
                "sale.order",
                "request_deposit",
                [[self.other_order.id]],
                {"amount": 500.0},
            )
            self.assertFalse(ok)
            self.assertTrue(error["clear"], error)
            ok, error = self.rpc_execute(
                protocol,
                uid,
                "cd_salesman",
                "sale.order",
                "write",
                [[self.order.id], {"deposit_amount_requested": 1.0}],
                {},
            )
            self.assertFalse(ok)
            self.assertTrue(error["clear"], error)
        self.env.invalidate_all()
        self.assertEqual(self.order.deposit_amount_requested, 800.0)
        self.assertEqual(self.other_order.deposit_amount_requested, 0.0)


@tagged("post_install", "-at_install")
class TestOnlinePaymentTours(OnlinePaymentCommon, HttpCase):
    """In a real browser: the customer pays the quotation's deposit on the portal, the
    salesperson finds it on the confirmed order; a salesperson sends a deposit request."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman")
        cls.portal = cls.create_role_user("portal", partner_id=cls.contact.id)

    def test_portal_customer_pays_the_deposit_online(self):
        order = self.create_order(
            user_id=self.users["salesman"].id,
            require_payment=True,
            require_signature=False,
            prepayment_percent=0.3,
        )
        self.start_tour(
            order.get_portal_url(), "customer_deposit_portal_prepayment", login=self.portal.login
        )
        deposit = order.deposit_ids
        self.assertRecordValues(
            deposit,
            [
                {
                    "state": "received",
                    "partner_id": self.customer.id,
                    "amount": 600.0,
                    "payment_id": order.transaction_ids.payment_id.id,
                }
            ],
        )
        self.assertEqual(order.state, "sale")
        self.assertEqual(-self.deposit_account_balance(), 600.0)
        self.start_tour(
            f"/odoo/action-sale.action_orders/{order.id}",
            "customer_deposit_salesman_sees_online_deposit",
            login=self.users["salesman"].login,
        )

    def test_salesman_requests_a_deposit(self):
        order = self.create_order(user_id=self.users["salesman"].id)
        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "customer_deposit_request_from_order",
            login=self.users["salesman"].login,
        )
        self.assertRecordValues(
            order, [{"deposit_amount_requested": 450.0, "deposit_request_due": 450.0}]
        )
