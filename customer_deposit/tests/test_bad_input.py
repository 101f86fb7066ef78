# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input through the ORM and through the external API, as odoorpc or any outside client
sends it: XML-RPC (/xmlrpc/2/object) and JSON-RPC (/jsonrpc, service "object").

Every case must be refused with a clear error (UserError, ValidationError, AccessError,
MissingError: XML-RPC fault codes 2-4, JSON-RPC ``error.data.name`` among
odoo.exceptions), never an application error with a Python traceback (fault code 1, a
TypeError...), and the number of journal entries must not change.
"""

import json
import xmlrpc.client
from datetime import date

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CustomerDepositCommon

CLEAR_FAULT_CODES = (2, 3, 4)  # warning (UserError, ValidationError), access denied / error
CLEAR_EXCEPTIONS = (
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
    "odoo.exceptions.AccessDenied",
    "odoo.exceptions.RedirectWarning",
)
MISSING = 999999999


@tagged("post_install", "-at_install")
class TestBadInput(CustomerDepositCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_user = new_test_user(
            cls.env,
            login="badinput",
            password="badinput-pass",
            groups="account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.deposit = cls.create_deposit(amount=100.0)
        cls.draft = cls.create_deposit(amount=100.0, post=False)
        cls.zero_draft = cls.create_deposit(amount=0.0, post=False)
        cls.invoice = cls.create_invoice(amount=500.0)
        cls.application = cls.create_deposit(amount=50.0).apply_to_invoice(cls.create_invoice(60.0))
        cls.application.action_unapply()  # already unapplied: unapplying again is refused
        other = cls.setup_other_company()
        cls.other_invoice = (
            cls.env["account.move"]
            .with_company(other["company"])
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.customer.id,
                    "invoice_date": fields.Date.today(),
                    "company_id": other["company"].id,
                    "invoice_line_ids": [(0, 0, {"name": "x", "price_unit": 10.0, "tax_ids": []})],
                }
            )
        )
        cls.other_invoice.action_post()
        cls.archived = cls.env["res.partner"].create({"name": "Archived", "active": False})
        cls.archived_draft = cls.create_deposit(amount=10.0, post=False, partner=cls.archived)
        cls.company.fiscalyear_lock_date = date(2015, 12, 31)
        cls.locked = date(2015, 6, 1)

    def cases(self):
        """(label, model, method, ids, args, kwargs) of calls that must be refused."""
        dep, inv = [self.deposit.id], self.invoice.id
        cases = []
        for label, value in [
            ("text amount", "abc"),
            ("list amount", [1]),
            ("boolean amount", True),
            ("negative amount", -5.0),
            ("zero amount", 0.0),
            ("too many decimals", 10.005),
            ("above balance", 100.01),
        ]:
            cases += [
                (
                    f"apply: {label}",
                    "customer.deposit",
                    "apply_to_invoice",
                    dep,
                    [inv],
                    {"amount": value},
                ),
                (
                    f"credit: {label}",
                    "customer.deposit",
                    "convert_to_credit",
                    dep,
                    [],
                    {"amount": value},
                ),
                (f"refund: {label}", "customer.deposit", "refund", dep, [], {"amount": value}),
                (f"forfeit: {label}", "customer.deposit", "forfeit", dep, [], {"amount": value}),
            ]
        cases += [
            ("apply: text invoice id", "customer.deposit", "apply_to_invoice", dep, ["abc"], {}),
            ("apply: missing invoice", "customer.deposit", "apply_to_invoice", dep, [MISSING], {}),
            (
                "apply: other company's invoice",
                "customer.deposit",
                "apply_to_invoice",
                dep,
                [self.other_invoice.id],
                {},
            ),
            (
                "apply: locked date",
                "customer.deposit",
                "apply_to_invoice",
                dep,
                [inv],
                {"date": "2015-06-01"},
            ),
            (
                "apply: bad date",
                "customer.deposit",
                "apply_to_invoice",
                dep,
                [inv],
                {"date": "31/12/2099"},
            ),
            (
                "apply: missing deposit",
                "customer.deposit",
                "apply_to_invoice",
                [MISSING],
                [inv],
                {},
            ),
            (
                "apply: draft deposit",
                "customer.deposit",
                "apply_to_invoice",
                self.draft.ids,
                [inv],
                {},
            ),
            (
                "refund: missing journal",
                "customer.deposit",
                "refund",
                dep,
                [],
                {"journal": MISSING},
            ),
            ("refund: text journal", "customer.deposit", "refund", dep, [], {"journal": "bank"}),
            ("refund: locked date", "customer.deposit", "refund", dep, [], {"date": "2015-06-01"}),
            ("refund: number as date", "customer.deposit", "refund", dep, [], {"date": 20990101}),
            (
                "forfeit: missing account",
                "customer.deposit",
                "forfeit",
                dep,
                [],
                {"account": MISSING},
            ),
            (
                "forfeit: text account",
                "customer.deposit",
                "forfeit",
                dep,
                [],
                {"account": "income"},
            ),
            (
                "reverse: locked date",
                "customer.deposit",
                "reverse",
                dep,
                [],
                {"date": "2015-06-01"},
            ),
            ("reverse: bad date", "customer.deposit", "reverse", dep, [], {"date": "yesterday"}),
            ("reverse: missing deposit", "customer.deposit", "reverse", [MISSING], [], {}),
            ("post: posted deposit", "customer.deposit", "action_post", dep, [], {}),
            ("post: zero amount", "customer.deposit", "action_post", self.zero_draft.ids, [], {}),
            ("post: missing deposit", "customer.deposit", "action_post", [MISSING], [], {}),
            (
                "post: archived customer",
                "customer.deposit",
                "action_post",
                self.archived_draft.ids,
                [],
                {},
            ),
            (
                "unapply: already unapplied",
                "customer.deposit.application",
                "action_unapply",
                self.application.ids,
                [],
                {},
            ),
            (
                "unapply: missing",
                "customer.deposit.application",
                "action_unapply",
                [MISSING],
                [],
                {},
            ),
            (
                "create: negative amount",
                "customer.deposit",
                "create",
                None,
                [{"partner_id": self.customer.id, "amount": -5.0, "payment_reference": "X"}],
                {},
            ),
            (
                "create: text amount",
                "customer.deposit",
                "create",
                None,
                [{"partner_id": self.customer.id, "amount": "lots", "payment_reference": "X"}],
                {},
            ),
            (
                "create: other company's journal",
                "customer.deposit",
                "create",
                None,
                [
                    {
                        "partner_id": self.customer.id,
                        "amount": 5.0,
                        "payment_reference": "X",
                        "journal_id": self.company_data_2_bank().id,
                    }
                ],
                {},
            ),
        ]
        return cases

    def company_data_2_bank(self):
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.other_invoice.company_id.id)], limit=1
        )

    def count_moves(self):
        self.env.flush_all()
        self.env.cr.execute("SELECT COUNT(*) FROM account_move")
        return self.env.cr.fetchone()[0]

    def orm_call(self, model, method, ids, args, kwargs):
        records = self.env[model].with_user(self.rpc_user)
        if ids is not None:
            records = records.browse(ids)
        return getattr(records, method)(*args, **kwargs)

    # -------------------------------------------------------------------------
    # Tests
    # -------------------------------------------------------------------------

    def test_orm_refusals(self):
        for label, model, method, ids, args, kwargs in self.cases():
            with self.subTest(label):
                before = self.count_moves()
                with self.assertRaises(UserError, msg=label), self.env.cr.savepoint():
                    self.orm_call(model, method, ids, args, kwargs)
                self.assertEqual(self.count_moves(), before, label)

    @mute_logger("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.sql_db")
    def test_xmlrpc_refusals(self):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, "badinput", "badinput-pass", {})
        self.assertTrue(uid)
        for label, model, method, ids, args, kwargs in self.cases():
            with self.subTest(label):
                before = self.count_moves()
                positional = ([ids] if ids is not None else []) + list(args)
                with self.assertRaises(xmlrpc.client.Fault, msg=label) as caught:
                    self.xmlrpc_object.execute_kw(
                        self.env.cr.dbname, uid, "badinput-pass", model, method, positional, kwargs
                    )
                fault = caught.exception
                self.assertIn(fault.faultCode, CLEAR_FAULT_CODES, f"{label}: {fault.faultString}")
                self.assertNotIn("Traceback", fault.faultString, label)
                self.assertEqual(self.count_moves(), before, label)

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_jsonrpc_refusals(self):
        db = self.env.cr.dbname
        uid = self.jsonrpc("common", "login", [db, "badinput", "badinput-pass"])["result"]
        self.assertTrue(uid)
        for label, model, method, ids, args, kwargs in self.cases():
            with self.subTest(label):
                before = self.count_moves()
                positional = ([ids] if ids is not None else []) + list(args)
                answer = self.jsonrpc(
                    "object",
                    "execute_kw",
                    [db, uid, "badinput-pass", model, method, positional, kwargs],
                )
                self.assertIn("error", answer, label)
                data = answer["error"]["data"]
                self.assertIn(data["name"], CLEAR_EXCEPTIONS, f"{label}: {data}")
                self.assertTrue(data["message"], label)
                self.assertEqual(self.count_moves(), before, label)

    def jsonrpc(self, service, method, args):
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {"service": service, "method": method, "args": args},
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()
