# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The deposit a sales order requires (R34): set on the order, proposed by the customer or
the payment terms; a salesperson cannot confirm without it, a sales manager can (noted in
the chatter), Odoo's online payment confirms once it is paid; a confirmed order's
requirement is a sales manager's."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged

from .common import ROLE_GROUPS, WATCHED_TABLES, CustomerDepositSaleCommon, RpcMixin


class RequiredDepositCommon(CustomerDepositSaleCommon):
    """Salesperson, sales manager and portal users; orders of 2,000.00 (4 days at 500.00)
    sold by the salesperson; a refusal must also leave the orders as they were."""

    role_groups = {**ROLE_GROUPS, "sale_manager": "sales_team.group_sale_manager"}
    watched_tables = {**WATCHED_TABLES, "sale_order": "company_id"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("salesman", "sale_manager", "portal", "billing")
        cls.salesman = cls.users["salesman"]
        cls.manager = cls.users["sale_manager"]

    @classmethod
    def create_required_order(cls, kind="percent", value=30.0, **vals):
        """A quotation of 2,000.00 sold by the salesperson requiring ``value`` (a percentage
        or an amount, per ``kind``) as deposit."""
        field = "deposit_required_percent" if kind == "percent" else "deposit_required_fixed"
        return cls.create_order(
            user_id=cls.salesman.id, deposit_required_type=kind, **{field: value}, **vals
        )

    def override_notes(self, order):
        return order.message_ids.filtered(lambda m: "without the required deposit" in m.body)


@tagged("post_install", "-at_install")
class TestRequiredDeposit(RequiredDepositCommon):
    def test_no_requirement_by_default(self):
        """Without a default on the customer or the terms, an order requires nothing and is
        confirmed as before."""
        order = self.create_order(user_id=self.salesman.id)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_required_type": "none",
                    "deposit_required_amount": 0.0,
                    "deposit_required_missing": 0.0,
                }
            ],
        )
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(self.override_notes(order))

    def test_percent_refused_for_salesman_until_held(self):
        order = self.create_required_order("percent", 30.0)
        self.assertRecordValues(
            order,
            [
                {
                    "amount_total": 2000.0,
                    "deposit_required_amount": 600.0,
                    "deposit_required_missing": 600.0,
                }
            ],
        )
        # The deposit dialog proposes what the requirement misses.
        self.assertEqual(order.action_register_deposit()["context"]["default_amount"], 600.0)
        with self.assertRefusedWithoutWrites(UserError, "cannot be confirmed") as caught:
            order.with_user(self.salesman).action_confirm()
        message = str(caught.exception)
        for figure in ("600.00 required", "0.00 received", "600.00 missing", "sales manager"):
            self.assertIn(figure, message)
        self.assertEqual(order.state, "draft")

        # Part of it: still refused, saying what is still missing.
        self.register_deposit(order, amount=200.0)
        self.assertEqual(order.deposit_required_missing, 400.0)
        with self.assertRefusedWithoutWrites(UserError, "400.00 missing"):
            order.with_user(self.salesman).action_confirm()

        # A draft deposit holds nothing.
        self.register_deposit(order, amount=400.0, post=False)
        self.assertEqual(order.deposit_required_missing, 400.0)
        with self.assertRefusedWithoutWrites(UserError, "400.00 missing"):
            order.with_user(self.salesman).action_confirm()

        # The rest, posted by the salesperson himself: confirmed, no note.
        self.register_deposit(order.with_user(self.salesman), amount=400.0, reference="CHQ-2")
        self.assertEqual(order.deposit_required_missing, 0.0)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(self.override_notes(order))

    def test_fixed_requirement(self):
        order = self.create_required_order("fixed", 250.0)
        self.assertRecordValues(
            order, [{"deposit_required_amount": 250.0, "deposit_required_missing": 250.0}]
        )
        with self.assertRefusedWithoutWrites(UserError, "250.00 missing"):
            order.with_user(self.salesman).action_confirm()
        # More than required is fine; the requirement follows the order's currency.
        self.register_deposit(order, amount=300.0)
        self.assertEqual(order.deposit_required_missing, 0.0)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_requirement_in_order_currency(self):
        """A EUR order's requirement is in EUR; a deposit in USD counts at its date's rate
        (2.0 EUR per USD)."""
        order = self.create_required_order("percent", 50.0, pricelist_id=self.eur_pricelist.id)
        self.assertEqual(order.currency_id, self.other_currency)
        self.assertRecordValues(
            order, [{"amount_total": 2000.0, "deposit_required_amount": 1000.0}]
        )
        self.create_deposit(amount=250.0, sale_order_id=order.id)
        self.assertEqual(order.deposit_required_missing, 500.0)

    def test_refunded_deposit_no_longer_counts(self):
        order = self.create_required_order("fixed", 500.0)
        deposit = self.register_deposit(order, amount=500.0)
        self.assertEqual(order.deposit_required_missing, 0.0)
        deposit.refund(200.0)
        self.assertEqual(order.deposit_required_missing, 200.0)
        with self.assertRefusedWithoutWrites(UserError, "200.00 missing"):
            order.with_user(self.salesman).action_confirm()

    def test_manager_confirms_without_deposit_with_note(self):
        order = self.create_required_order("percent", 30.0)
        self.register_deposit(order, amount=100.0)
        order.with_user(self.manager).action_confirm()
        self.assertEqual(order.state, "sale")
        note = self.override_notes(order)
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(note.author_id, self.manager.partner_id)
        for figure in (self.manager.name, "500.00", "600.00", "100.00"):
            self.assertIn(figure, note.body)

    def test_billing_user_is_not_a_manager(self):
        """Anyone but a sales manager is refused: here a billing user who may write orders."""
        order = self.create_required_order("percent", 30.0)
        with self.assertRefusedWithoutWrites(UserError, "600.00 missing"):
            order.with_user(self.users["billing"]).action_confirm()

    def test_several_orders_at_once(self):
        free = self.create_order(user_id=self.salesman.id)
        required = self.create_required_order("fixed", 100.0)
        orders = (free | required).with_user(self.salesman)
        with self.assertRefusedWithoutWrites(UserError, required.name):
            orders.action_confirm()
        self.assertEqual(set(orders.mapped("state")), {"draft"})
        (free | required).with_user(self.manager).action_confirm()
        self.assertFalse(self.override_notes(free))
        self.assertEqual(len(self.override_notes(required)), 1)

    def test_defaults_from_customer_then_payment_terms(self):
        terms = self.env["account.payment.term"].create(
            {
                "name": "30% deposit, balance at 30 days",
                "deposit_required_type": "percent",
                "deposit_required_percent": 30.0,
                "line_ids": [Command.create({"value": "percent", "value_amount": 100.0})],
            }
        )
        customer = self.customer.with_company(self.company)
        # The payment terms, when the customer sets nothing.
        order = self.create_order(payment_term_id=terms.id)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_required_type": "percent",
                    "deposit_required_percent": 30.0,
                    "deposit_required_amount": 600.0,
                }
            ],
        )
        # The customer first (its commercial entity; the order is for a contact of it).
        customer.write({"deposit_required_type": "fixed", "deposit_required_fixed": 150.0})
        order = self.create_order(payment_term_id=terms.id)
        self.assertRecordValues(
            order,
            [
                {
                    "deposit_required_type": "fixed",
                    "deposit_required_fixed": 150.0,
                    "deposit_required_amount": 150.0,
                }
            ],
        )
        # In the order's currency: 2.0 EUR per USD.
        order = self.create_order(payment_term_id=terms.id, pricelist_id=self.eur_pricelist.id)
        self.assertEqual(order.deposit_required_fixed, 300.0)
        # "No deposit" on the customer wins over the terms.
        customer.deposit_required_type = "none"
        order = self.create_order(payment_term_id=terms.id)
        self.assertEqual(order.deposit_required_type, "none")
        # Per company: another company's orders do not see this company's default.
        customer.write({"deposit_required_type": "percent", "deposit_required_percent": 10.0})
        other = self.setup_other_company()["company"]
        self.assertFalse(self.customer.with_company(other).deposit_required_type)
        self.assertEqual(self.create_order(company=other).deposit_required_type, "none")

        # On the screen: choosing the customer, then the terms, proposes their requirement;
        # the salesperson may change it on the quotation.
        customer.deposit_required_type = False
        with Form(self.env["sale.order"].with_user(self.salesman)) as form:
            form.partner_id = self.contact
            self.assertEqual(form.deposit_required_type, "none")
            form.payment_term_id = terms
            self.assertEqual(form.deposit_required_type, "percent")
            self.assertEqual(form.deposit_required_percent, 30.0)
            with form.order_line.new() as line:
                line.product_id = self.service
                line.product_uom_qty = 2.0
                line.price_unit = 500.0
                line.tax_id.clear()
            self.assertEqual(form.deposit_required_amount, 300.0)
            form.deposit_required_percent = 50.0
            self.assertEqual(form.deposit_required_missing, 500.0)
        self.assertEqual(form.record.deposit_required_amount, 500.0)

    def test_bad_numbers_refused(self):
        order = self.create_required_order("percent", 30.0)
        terms = self.env["account.payment.term"].create({"name": "Deposit terms"})
        partner = self.customer.with_company(self.company)
        bad = [
            ("deposit_required_percent", -1.0),
            ("deposit_required_percent", 100.5),
            ("deposit_required_percent", float("nan")),
            ("deposit_required_percent", float("inf")),
            ("deposit_required_fixed", -0.01),
            ("deposit_required_fixed", float("nan")),
            ("deposit_required_fixed", float("-inf")),
        ]
        for record in (order, partner, terms):
            for fname, value in bad:
                with self.subTest(model=record._name, field=fname, value=value):
                    with self.assertRefusedWithoutWrites(ValidationError):
                        record.write({fname: value})
                        record.flush_recordset()
        with self.assertRefusedWithoutWrites(ValidationError, "from 0 to 100", as_request=True):
            self.create_required_order("percent", 150.0)
        # The bounds are fine.
        order.write({"deposit_required_percent": 100.0})
        self.assertEqual(order.deposit_required_amount, 2000.0)
        order.write({"deposit_required_type": "fixed", "deposit_required_fixed": 0.0})
        self.assertEqual(order.deposit_required_missing, 0.0)

    def test_confirmed_order_requirement_is_managers(self):
        order = self.create_required_order("percent", 30.0)
        order.with_user(self.manager).action_confirm()
        as_salesman = order.with_user(self.salesman)
        for vals in (
            {"deposit_required_type": "none"},
            {"deposit_required_percent": 10.0},
            {"deposit_required_type": "fixed", "deposit_required_fixed": 1.0},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRefusedWithoutWrites(UserError, "only a sales manager"),
            ):
                as_salesman.write(vals)
        # Writing what it already is changes nothing and is fine (a form saving the order).
        as_salesman.write({"deposit_required_type": "percent", "deposit_required_percent": 30.0})
        # New payment terms or customer do not change a confirmed order's requirement.
        terms = self.env["account.payment.term"].create(
            {"name": "No deposit terms", "deposit_required_type": "none"}
        )
        as_salesman.payment_term_id = terms
        self.assertRecordValues(
            order,
            [{"deposit_required_type": "percent", "deposit_required_missing": 600.0}],
        )
        # A sales manager may lower it.
        order.with_user(self.manager).deposit_required_percent = 5.0
        self.assertEqual(order.deposit_required_missing, 100.0)
        # On a quotation the salesperson sets it freely.
        quotation = self.create_required_order("percent", 30.0)
        quotation.with_user(self.salesman).deposit_required_type = "none"
        self.assertEqual(quotation.deposit_required_missing, 0.0)

    def test_portal_user_cannot_change_requirement(self):
        order = self.create_required_order("percent", 30.0)
        order.message_subscribe(self.users["portal"].partner_id.ids)
        as_portal = order.with_user(self.users["portal"])
        with self.assertRefusedWithoutWrites(AccessError):
            as_portal.write({"deposit_required_type": "none"})
        with self.assertRefusedWithoutWrites(UserError):
            as_portal.action_confirm()
        self.assertEqual(order.deposit_required_type, "percent")

    def test_system_confirmation(self):
        """Odoo's own flows run as superuser (portal signature, online payment): they never
        override; an online payment covering the requirement confirms the order."""
        order = self.create_required_order(
            "percent", 50.0, require_payment=True, prepayment_percent=0.3
        )
        with self.assertRefusedWithoutWrites(UserError, "1,000.00 missing"):
            order.sudo().action_confirm()

        provider = self.env["payment.provider"].create(
            {
                "name": "Test provider",
                "code": "none",
                "state": "test",
                "company_id": self.company.id,
                "payment_method_ids": [
                    Command.set(self.env.ref("payment.payment_method_unknown").ids)
                ],
            }
        )

        def paid_online(amount, reference):
            tx = (
                self.env["payment.transaction"]
                .sudo()
                .create(
                    {
                        "provider_id": provider.id,
                        "payment_method_id": self.env.ref("payment.payment_method_unknown").id,
                        "amount": amount,
                        "currency_id": order.currency_id.id,
                        "partner_id": self.customer.id,
                        "reference": reference,
                        "operation": "online_redirect",
                        "sale_order_ids": [Command.set(order.ids)],
                    }
                )
            )
            tx._set_done()
            return tx._check_amount_and_confirm_order()

        # Odoo's prepayment (30%) is reached, not the required deposit (50%): not confirmed,
        # and nothing raised in the payment's processing.
        self.assertFalse(paid_online(600.0, "ONLINE-1"))
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.deposit_required_missing, 400.0)
        # The customer signs on the portal: the signature is kept, the order stays a
        # quotation with a note for the salesperson.
        order.sudo()._validate_order()
        self.assertEqual(order.state, "draft")
        self.assertTrue(
            order.message_ids.filtered(
                lambda m: "stays a quotation" in m.body and "400.00" in m.body
            )
        )
        # Enough: Odoo confirms it, with no override note.
        self.assertEqual(paid_online(400.0, "ONLINE-2"), order)
        self.assertEqual(order.state, "sale")
        self.assertFalse(self.override_notes(order))


@tagged("post_install", "-at_install")
class TestRequiredDepositRpc(RequiredDepositCommon, HttpCase, RpcMixin):
    """The requirement as an outside client meets it, over XML-RPC and JSON-RPC."""

    def refused(self, login, model, method, ids, args=(), kwargs=None, contains=None):
        for protocol in ("xmlrpc", "jsonrpc"):
            with self.subTest(protocol=protocol, method=method):
                uid = self.rpc_login(protocol, login, login)
                before = self.ledger_snapshot()
                ok, error = self.rpc_execute(
                    protocol, uid, login, model, method, [ids, *args], kwargs or {}
                )
                self.assertFalse(ok, f"{method} accepted over {protocol}")
                self.assertTrue(error["clear"], error["detail"])
                if contains:
                    self.assertIn(contains, error["detail"])
                self.assertFalse(self.ledger_changes(before, self.ledger_snapshot()))

    def test_salesman_over_rpc(self):
        order = self.create_required_order("percent", 30.0)
        self.refused(
            "cd_salesman", "sale.order", "action_confirm", order.ids, contains="600.00 missing"
        )
        self.refused(
            "cd_salesman",
            "sale.order",
            "write",
            order.ids,
            [{"deposit_required_percent": float("nan")}],
        )
        self.refused(
            "cd_salesman",
            "sale.order",
            "write",
            order.ids,
            [{"deposit_required_percent": 250.0}],
            contains="from 0 to 100",
        )
        self.assertEqual(order.state, "draft")

        order.with_user(self.manager).action_confirm()
        self.refused(
            "cd_salesman",
            "sale.order",
            "write",
            order.ids,
            [{"deposit_required_type": "none"}],
            contains="only a sales manager",
        )
        self.assertEqual(order.deposit_required_type, "percent")

    def test_portal_over_rpc(self):
        order = self.create_required_order("percent", 30.0)
        order.message_subscribe(self.users["portal"].partner_id.ids)
        self.refused(
            "cd_portal", "sale.order", "write", order.ids, [{"deposit_required_type": "none"}]
        )
        self.refused("cd_portal", "sale.order", "action_confirm", order.ids)
        self.assertRecordValues(order, [{"state": "draft", "deposit_required_type": "percent"}])
