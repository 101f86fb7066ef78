# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CustomerDepositSaleCommon


@tagged("post_install", "-at_install")
class TestDepositRegisterDialog(CustomerDepositSaleCommon):
    """The Register Deposit dialog: defaults from the order or the customer, posting through
    the deposit's API as the user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman", "billing")
        cls.users["other_salesman"] = cls.create_role_user("salesman", "cd_other_salesman")

    def open_dialog(self, record):
        """The dialog as the record's button opens it (an order or a customer)."""
        action = record.action_register_deposit()
        self.assertEqual(
            (action["res_model"], action["target"]), ("customer.deposit.register", "new")
        )
        Wizard = self.env[action["res_model"]].with_env(record.env)
        return Form(Wizard.with_context(**action["context"]))

    def test_defaults_from_order(self):
        order = self.create_order()
        with self.open_dialog(order) as form:
            self.assertEqual(form.partner_id, self.customer, "the commercial entity")
            self.assertEqual(form.sale_order_id, order)
            self.assertEqual(form.company_id, self.company)
            self.assertIn(form.journal_id.type, ("bank", "cash"))
            self.assertEqual(form.currency_id, self.company.currency_id)
            self.assertEqual(form.amount, 2000.0, "what is still due")
            self.assertEqual(form.date, fields.Date.context_today(order))
            self.assertTrue(form.payment_method_line_id)
            self.assertFalse(form.payment_reference)
            form.payment_reference = "CHQ-1"
        # The order's required prepayment when it has one.
        prepaid = self.create_order(require_payment=True, prepayment_percent=0.3)
        with self.open_dialog(prepaid) as form:
            self.assertEqual(form.amount, 600.0)
            form.payment_reference = "CHQ-2"
        # An order in another currency: the deposit is taken in it.
        eur = self.create_order(pricelist_id=self.eur_pricelist.id)
        with self.open_dialog(eur) as form:
            self.assertEqual(form.currency_id, self.other_currency)
            self.assertEqual(form.amount, 2000.0)
            form.payment_reference = "CHQ-3"

    def test_post_from_order(self):
        order = self.create_order(client_order_ref="PO-77")
        with self.open_dialog(order) as form:
            form.amount = 600.0
            form.payment_reference = "CHQ-600"
        result = form.record.action_create_deposit()
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        self.assertRecordValues(
            order.deposit_ids,
            [
                {
                    "partner_id": self.customer.id,
                    "sale_order_id": order.id,
                    "amount": 600.0,
                    "currency_id": self.company.currency_id.id,
                    "journal_id": form.record.journal_id.id,
                    "payment_method_line_id": form.record.payment_method_line_id.id,
                    "payment_reference": "CHQ-600",
                    "ref": "PO-77",
                    "state": "received",
                }
            ],
        )
        self.assertAlmostEqual(-self.deposit_account_balance(), 600.0)
        self.assertRecordValues(order, [{"deposit_count": 1, "deposit_amount_received": 600.0}])
        # The next dialog proposes what is still due.
        with self.open_dialog(order) as form:
            self.assertEqual(form.amount, 1400.0)
            form.payment_reference = "CHQ-1400"

    def test_post_from_customer(self):
        with self.open_dialog(self.contact) as form:
            self.assertEqual(form.partner_id, self.customer, "a contact's company holds it")
            self.assertFalse(form.sale_order_id)
            self.assertEqual(form.amount, 0.0)
            form.amount = 750.0
            form.payment_reference = "Cheque 555"
        form.record.action_create_deposit()
        deposit = self.env["customer.deposit"].search([("payment_reference", "=", "Cheque 555")])
        self.assertRecordValues(
            deposit,
            [{"partner_id": self.customer.id, "sale_order_id": False, "state": "received"}],
        )
        self.assertRecordValues(self.customer, [{"deposit_count": 1, "deposit_balance": 750.0}])

    def test_refusals_are_the_deposit_s(self):
        order = self.create_order()
        with self.open_dialog(order) as form:
            form.amount = 0.0
            form.payment_reference = "CHQ-0"
        # The dialog creates the deposit, then posts it: the request's rollback takes both.
        with self.assertRefusedWithoutWrites(UserError, "greater than zero", as_request=True):
            form.record.action_create_deposit()
        # Cancelled while the dialog was open.
        with self.open_dialog(order) as form:
            form.payment_reference = "CHQ-1"
        order._action_cancel()
        with self.assertRefusedWithoutWrites(UserError, "cancelled", as_request=True):
            form.record.action_create_deposit()
        self.assertFalse(self.env["customer.deposit"].search([("sale_order_id", "=", order.id)]))

    def test_salesman_on_his_order(self):
        order = self.create_order(user_id=self.users["salesman"].id).with_user(
            self.users["salesman"]
        )
        with self.open_dialog(order) as form:
            self.assertEqual(form.amount, 2000.0)
            form.amount = 250.0
            form.payment_reference = "CHQ-250"
        form.record.action_create_deposit()
        self.assertRecordValues(
            order.deposit_ids,
            [{"amount": 250.0, "state": "received", "create_uid": self.users["salesman"].id}],
        )

    def test_salesman_refused_on_another_s_order_and_without_order(self):
        other = self.create_order(user_id=self.users["other_salesman"].id)
        with self.assertRaises(AccessError):
            other.with_user(self.users["salesman"]).action_register_deposit()
        Wizard = self.env["customer.deposit.register"].with_user(self.users["salesman"])
        with self.assertRaises(AccessError):
            Wizard.create(
                {"sale_order_id": other.id, "amount": 10.0, "payment_reference": "RPC"}
            ).action_create_deposit()
        # Without an order: the deposit says what to do.
        wizard = Wizard.create(
            {"partner_id": self.customer.id, "amount": 10.0, "payment_reference": "RPC"}
        )
        with self.assertRefusedWithoutWrites(UserError, "stay linked to an order"):
            wizard.action_create_deposit()
        self.assertFalse(self.env["customer.deposit"].search([("payment_reference", "=", "RPC")]))

    def test_billing_user_from_order_and_customer(self):
        order = self.create_order(user_id=self.users["salesman"].id).with_user(
            self.users["billing"]
        )
        with self.open_dialog(order) as form:
            form.amount = 300.0
            form.payment_reference = "CHQ-300"
        form.record.action_create_deposit()
        with self.open_dialog(self.customer.with_user(self.users["billing"])) as form:
            form.amount = 40.0
            form.payment_reference = "CASH-40"
        form.record.action_create_deposit()
        deposits = self.env["customer.deposit"].search(
            [("create_uid", "=", self.users["billing"].id)], order="id"
        )
        self.assertRecordValues(
            deposits,
            [
                {"amount": 300.0, "sale_order_id": order.id, "state": "received"},
                {"amount": 40.0, "sale_order_id": False, "state": "received"},
            ],
        )


@tagged("post_install", "-at_install")
class TestDepositButtonsCount(CustomerDepositSaleCommon):
    """The Deposits buttons count what the list they open shows."""

    def test_customer_button(self):
        posted = self.create_deposit(amount=100.0)
        draft = self.create_deposit(amount=20.0, post=False)
        cancelled = self.create_deposit(amount=30.0, post=False)
        cancelled.action_cancel()
        self.create_deposit(amount=50.0, partner=self.partner_b)
        for partner in (self.customer, self.contact):
            action = partner.action_view_deposits()
            listed = self.env["customer.deposit"].search(action["domain"])
            self.assertEqual(listed, posted | draft)
            self.assertEqual(partner.deposit_count, len(listed))

    def test_order_button(self):
        order = self.create_order()
        deposit = self.create_deposit(amount=100.0, sale_order_id=order.id)
        cancelled = self.create_deposit(amount=30.0, post=False, sale_order_id=order.id)
        cancelled.action_cancel()
        self.assertEqual(order.deposit_count, 1)
        action = order.action_view_deposits()
        self.assertEqual(action["res_id"], deposit.id, "the one deposit opens")
        self.assertEqual(self.env["customer.deposit"].search(action["domain"]), deposit)


@tagged("post_install", "-at_install")
class TestDepositNotices(CustomerDepositSaleCommon):
    """Odoo's Pay and Create Invoice dialogs say when the customer holds unapplied deposits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman", "internal")
        cls.order = cls.create_order(confirm=True, user_id=cls.users["salesman"].id)
        cls.order_deposit = cls.create_deposit(amount=500.0, sale_order_id=cls.order.id)
        cls.unlinked = cls.create_deposit(amount=300.0)
        # Not available: a draft, a cancelled one, a reversed one, another customer's.
        cls.create_deposit(amount=11.0, post=False)
        cls.create_deposit(amount=12.0, post=False).action_cancel()
        cls.create_deposit(amount=13.0).reverse(reason="Entered twice")
        cls.create_deposit(amount=14.0, partner=cls.partner_b)

    def pay_dialog(self, invoices):
        return Form(
            self.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoices.ids
            )
        )

    def test_pay_dialog_shows_available_deposits(self):
        # Part of the unlinked deposit already paid another invoice.
        self.unlinked.apply_to_invoice(self.create_invoice(amount=100.0))
        invoice = self.create_invoice(amount=1000.0, partner=self.contact)
        form = self.pay_dialog(invoice)
        self.assertEqual(
            self.env["customer.deposit"].browse(form.deposit_available_ids.ids),
            self.order_deposit | self.unlinked,
        )
        self.assertEqual(form.deposit_available_amount, 700.0)
        self.assertEqual(form.deposit_available_currency_id, self.company.currency_id)
        self.assertEqual(form.deposit_apply_invoice_id, invoice)
        wizard = form.save()
        action = wizard.action_apply_available_deposits()
        self.assertEqual(action["res_model"], "customer.deposit.apply.wizard")
        self.assertEqual(action["context"]["default_invoice_id"], invoice.id)
        listed = self.env["customer.deposit"].search(
            wizard.action_view_available_deposits()["domain"]
        )
        self.assertEqual(listed, self.order_deposit | self.unlinked)

    def test_pay_dialog_without_deposits_or_for_several_invoices(self):
        invoice_b = self.create_invoice(amount=100.0, partner=self.partner_b)
        self.assertEqual(self.pay_dialog(invoice_b).deposit_available_amount, 14.0)
        self.env["customer.deposit"].search(
            [("partner_id", "=", self.partner_b.id)]
        ).apply_to_invoice(invoice_b, amount=14.0)
        form = self.pay_dialog(self.create_invoice(amount=100.0, partner=self.partner_b))
        self.assertFalse(form.deposit_available_ids)
        self.assertFalse(form.deposit_apply_invoice_id)
        # Two invoices: the notice, but no single invoice to apply to.
        invoices = self.create_invoice(amount=100.0) | self.create_invoice(amount=200.0)
        wizard = (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoices.ids)
            .create({"group_payment": True})
        )
        self.assertEqual(wizard.deposit_available_amount, 800.0)
        self.assertFalse(wizard.deposit_apply_invoice_id)
        with self.assertRaisesRegex(UserError, "one invoice at a time"):
            wizard.action_apply_available_deposits()

    def test_pay_dialog_other_company(self):
        company2 = self.setup_other_company(name="Notice Co 2")["company"]
        deposit2 = (
            self.env["customer.deposit"]
            .with_company(company2)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": company2.id,
                    "amount": 80.0,
                    "payment_reference": "C2",
                }
            )
        )
        deposit2.action_post()
        form = self.pay_dialog(self.create_invoice(amount=100.0))
        self.assertEqual(
            self.env["customer.deposit"].browse(form.deposit_available_ids.ids),
            self.order_deposit | self.unlinked,
        )

    def test_down_payment_dialog(self):
        Wizard = self.env["sale.advance.payment.inv"].with_context(
            active_model="sale.order", active_ids=self.order.ids
        )
        with Form(Wizard) as form:
            form.advance_payment_method = "fixed"
            form.fixed_amount = 200.0
            self.assertEqual(
                self.env["customer.deposit"].browse(form.deposit_available_ids.ids),
                self.order_deposit | self.unlinked,
            )
            self.assertEqual(form.deposit_available_amount, 800.0)
        # The salesman sees the deposits he may read: his order's, not the unlinked one.
        as_salesman = Wizard.with_user(self.users["salesman"]).create(
            {"advance_payment_method": "fixed", "fixed_amount": 200.0}
        )
        self.assertEqual(as_salesman.deposit_available_ids, self.order_deposit)
        self.assertEqual(as_salesman.deposit_available_amount, 500.0)
        # Nothing for another customer's order.
        other = self.create_order(partner=self.partner_a.copy(), confirm=True)
        wizard = Wizard.with_context(active_ids=other.ids).create({})
        self.assertFalse(wizard.deposit_available_ids)

    def test_nothing_for_users_who_cannot_read_deposits(self):
        Deposit = self.env["customer.deposit"].with_user(self.users["internal"])
        self.assertFalse(Deposit._get_available_deposits(self.customer, self.company))
        self.assertEqual(
            self.env["customer.deposit"]._get_available_deposits(self.customer, self.company),
            self.order_deposit | self.unlinked,
        )
