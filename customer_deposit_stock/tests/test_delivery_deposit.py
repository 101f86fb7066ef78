# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A sales order's deliveries wait for the deposit it requires (R34, with Inventory): a
warehouse user cannot validate them, a sales manager can (noted on the delivery and the
order), everybody can once the deposit is received; the same over XML-RPC and JSON-RPC."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.customer_deposit.tests.common import (
    ROLE_GROUPS,
    WATCHED_TABLES,
    CustomerDepositSaleCommon,
    RpcMixin,
)


class DeliveryDepositCommon(CustomerDepositSaleCommon):
    """Orders of 4 chairs at 500.00 (a consumable delivered from stock) requiring 30% as
    deposit, confirmed by a sales manager without it; warehouse users, a sales manager who
    also works in the warehouse, an inventory administrator."""

    role_groups = {
        **ROLE_GROUPS,
        "stock_user": "stock.group_stock_user",
        "stock_manager": "stock.group_stock_manager",
        "salesman_stock": "sales_team.group_sale_salesman,stock.group_stock_user",
        "sale_manager_stock": "sales_team.group_sale_manager,stock.group_stock_user",
    }
    watched_tables = {
        **WATCHED_TABLES,
        "sale_order": "company_id",
        "stock_picking": "company_id",
        "stock_move": "company_id",
        "stock_move_line": "company_id",
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_role_users("stock_user", "stock_manager", "salesman_stock", "sale_manager_stock")
        cls.chair = cls._create_product(
            name="Chair", type="consu", invoice_policy="order", taxes_id=[Command.clear()]
        )
        cls.order_defaults = {**cls.order_defaults, "product": cls.chair}
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )

    @classmethod
    def create_confirmed_order(cls, percent=30.0):
        """An order requiring ``percent`` of its 2,000.00 as deposit, confirmed by a sales
        manager without it (or by anyone when nothing is required), and its delivery."""
        order = cls.create_order(
            user_id=cls.users["salesman_stock"].id,
            warehouse_id=cls.warehouse.id,
            deposit_required_type="percent" if percent else "none",
            deposit_required_percent=percent,
        )
        order.with_user(cls.users["sale_manager_stock"]).action_confirm()
        return order, order.picking_ids

    def notes(self, record):
        return record.message_ids.filtered(lambda m: "without the deposit" in m.body)


@tagged("post_install", "-at_install")
class TestDeliveryDeposit(DeliveryDepositCommon):
    def test_delivery_without_requirement_as_before(self):
        order, delivery = self.create_confirmed_order(percent=0.0)
        self.assertEqual(delivery.picking_type_code, "outgoing")
        delivery.with_user(self.users["stock_user"]).button_validate()
        self.assertEqual(delivery.state, "done")
        self.assertFalse(self.notes(delivery))

    def test_refused_until_deposit_held(self):
        order, delivery = self.create_confirmed_order()
        self.assertEqual(order.deposit_required_missing, 600.0)
        for role in ("stock_user", "stock_manager", "salesman_stock"):
            with self.subTest(role=role):
                as_user = delivery.with_user(self.users[role])
                with self.assertRefusedWithoutWrites(UserError, "600.00 missing") as caught:
                    as_user.button_validate()
                self.assertIn(delivery.name, str(caught.exception))
                self.assertIn("sales manager", str(caught.exception))
                # Server code reaching the last step directly meets the same rule.
                with self.assertRefusedWithoutWrites(UserError, "600.00 missing"):
                    as_user._action_done()
        self.assertEqual(delivery.state, "assigned")

        # Part of it: still refused, then all of it: delivered without a note.
        self.register_deposit(order, amount=450.0)
        with self.assertRefusedWithoutWrites(UserError, "150.00 missing"):
            delivery.with_user(self.users["stock_user"]).button_validate()
        self.register_deposit(order, amount=150.0, reference="CHQ-2")
        delivery.with_user(self.users["stock_user"]).button_validate()
        self.assertEqual(delivery.state, "done")
        self.assertFalse(self.notes(delivery))

    def test_sales_manager_overrides_with_note(self):
        order, delivery = self.create_confirmed_order()
        manager = self.users["sale_manager_stock"]
        delivery.with_user(manager).button_validate()
        self.assertEqual(delivery.state, "done")
        for record in (delivery, order):
            note = self.notes(record)
            self.assertEqual(len(note), 1, record)
            self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
            self.assertEqual(note.author_id, manager.partner_id)
            self.assertIn(manager.name, note.body)
            self.assertIn("600.00", note.body)

    def test_system_does_not_override(self):
        order, delivery = self.create_confirmed_order()
        with self.assertRefusedWithoutWrites(UserError, "600.00 missing"):
            delivery.sudo()._action_done()

    def test_lowered_requirement_releases_delivery(self):
        """A salesperson cannot lower a confirmed order's requirement to release its
        delivery; a sales manager can."""
        order, delivery = self.create_confirmed_order()
        with self.assertRefusedWithoutWrites(UserError, "only a sales manager"):
            order.with_user(self.users["salesman_stock"]).deposit_required_type = "none"
        order.with_user(self.users["sale_manager_stock"]).deposit_required_percent = 0.0
        delivery.with_user(self.users["stock_user"]).button_validate()
        self.assertEqual(delivery.state, "done")

    def test_returns_are_not_held(self):
        """Only goods leaving wait: a return of a delivered order is received as usual."""
        order, delivery = self.create_confirmed_order()
        delivery.with_user(self.users["sale_manager_stock"]).button_validate()
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=delivery.id, active_model="stock.picking")
            .create({})
        )
        wizard.product_return_moves.quantity = 1.0
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(returned.picking_type_code, "incoming")
        returned.with_user(self.users["stock_user"]).button_validate()
        self.assertEqual(returned.state, "done")


@tagged("post_install", "-at_install")
class TestDeliveryDepositRpc(DeliveryDepositCommon, HttpCase, RpcMixin):
    def test_stock_user_over_rpc(self):
        order, delivery = self.create_confirmed_order()
        for protocol in ("xmlrpc", "jsonrpc"):
            with self.subTest(protocol=protocol):
                uid = self.rpc_login(protocol, "cd_stock_user", "cd_stock_user")
                before = self.ledger_snapshot()
                ok, error = self.rpc_execute(
                    protocol,
                    uid,
                    "cd_stock_user",
                    "stock.picking",
                    "button_validate",
                    [delivery.ids],
                    {},
                )
                self.assertFalse(ok, f"delivery validated over {protocol}")
                self.assertTrue(error["clear"], error["detail"])
                self.assertIn("600.00 missing", error["detail"])
                self.assertFalse(self.ledger_changes(before, self.ledger_snapshot()))
        self.assertEqual(delivery.state, "assigned")
        self.register_deposit(order, amount=600.0)
        uid = self.rpc_login("xmlrpc", "cd_stock_user", "cd_stock_user")
        ok, result = self.rpc_execute(
            "xmlrpc", uid, "cd_stock_user", "stock.picking", "button_validate", [delivery.ids], {}
        )
        self.assertTrue(ok, result)
        self.assertEqual(delivery.state, "done")
