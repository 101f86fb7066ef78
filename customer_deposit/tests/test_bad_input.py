# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bad input through the ORM and through the external API, as odoorpc or any outside client
sends it: XML-RPC (/xmlrpc/2/object) and JSON-RPC (/jsonrpc, service "object").

Every case must be refused with a clear error (UserError, ValidationError, AccessError,
MissingError: XML-RPC fault codes 2-4, JSON-RPC ``error.data.name`` among
odoo.exceptions), never an application error with a Python traceback (fault code 1, a
TypeError...), and nothing may change (the rows of ``ledger_snapshot``).
"""

import xmlrpc.client
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import (
    CLEAR_EXCEPTIONS,
    CLEAR_FAULT_CODES,
    CustomerDepositCommon,
    RpcMixin,
)

MISSING = 999999999
# Amounts no use of a deposit of 100.0 may take: (label, value).
BAD_AMOUNTS = [
    ("text amount", "abc"),
    ("list amount", [1]),
    ("boolean amount", True),
    ("negative amount", -5.0),
    ("zero amount", 0.0),
    ("too many decimals", 10.005),
    ("above balance", 100.01),
]


@tagged("post_install", "-at_install")
class TestBadInput(CustomerDepositCommon, HttpCase, RpcMixin):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rpc_user = cls.create_role_user("accountant")
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
        # Point 10 of the integrity policy: a second posted deposit (calls on several), an
        # application to undo, a draft in a foreign currency, an outgoing method line.
        cls.deposit2 = cls.create_deposit(amount=100.0)
        cls.open_application = cls.create_deposit(amount=40.0).apply_to_invoice(
            cls.create_invoice(45.0)
        )
        cls.foreign_draft = cls.create_deposit(
            amount=100.0, post=False, currency=cls.other_currency
        )
        cls.outbound_line = cls.bank_journal._get_available_payment_method_lines("outbound")[:1]
        # A draft recorded with an incoming method line that the journal's configuration
        # later turns into an outgoing one: posting it must be refused.
        turned_line = cls.env["account.payment.method.line"].create(
            {
                "name": "Turned outgoing",
                "journal_id": cls.bank_journal.id,
                "payment_method_id": cls.inbound_payment_method_line.payment_method_id.id,
            }
        )
        cls.outbound_draft = cls.create_deposit(
            amount=10.0, post=False, payment_method_line_id=turned_line.id
        )
        turned_line.payment_method_id = cls.outbound_line.payment_method_id
        cls.archived = cls.env["res.partner"].create({"name": "Archived", "active": False})
        cls.archived_draft = cls.create_deposit(amount=10.0, post=False, partner=cls.archived)
        cls.company.fiscalyear_lock_date = date(2015, 12, 31)
        cls.locked = date(2015, 6, 1)
        # The vendor side: a paid deposit, a second one, drafts (one of zero), a bill, the
        # vendor's credit note, another vendor's bill, an application already undone, and
        # an incoming method line (a vendor deposit's payment goes out).
        cls.vendor_deposit = cls.create_vendor_deposit(amount=100.0)
        cls.vendor_deposit2 = cls.create_vendor_deposit(amount=100.0)
        cls.vendor_draft = cls.create_vendor_deposit(amount=100.0, post=False)
        cls.vendor_zero_draft = cls.create_vendor_deposit(amount=0.0, post=False)
        cls.bill = cls.create_bill(amount=500.0)
        cls.vendor_credit_note = cls.create_invoice(amount=50.0, move_type="in_refund")
        cls.other_vendor_bill = cls.create_bill(amount=50.0, partner=cls.partner_b)
        cls.vendor_application = cls.create_vendor_deposit(amount=50.0).apply_to_invoice(
            cls.create_bill(60.0)
        )
        cls.vendor_application.action_unapply()
        cls.inbound_line = cls.inbound_payment_method_line
        cls.vendor_order = cls.create_order(partner=cls.vendor)

    def cases(self):
        """(label, model, method, ids, args, kwargs) of calls that must be refused."""
        dep, inv = [self.deposit.id], self.invoice.id
        cases = []
        for label, value in BAD_AMOUNTS:
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
        cases += self.integrity_cases()
        cases += self.vendor_cases()
        return cases

    def integrity_cases(self):
        """Point 10 of the integrity policy: numbers no amount or rate can be, amounts with
        more decimals than the currency, calls on no or several deposits, booleans that are
        not booleans, an outgoing method on a receipt, uses dated before the deposit, and
        impossible dates in the unapplied report's context. XML-RPC and JSON-RPC alike."""
        dep, inv = [self.deposit.id], self.invoice.id
        two = [self.deposit.id, self.deposit2.id]
        yesterday = fields.Date.to_string(fields.Date.today() - timedelta(days=1))
        nan, inf = float("nan"), float("inf")
        create_vals = {
            "partner_id": self.customer.id,
            "payment_reference": "X",
            "journal_id": self.bank_journal.id,
        }
        foreign_vals = {**create_vals, "currency_id": self.other_currency.id, "amount": 10.0}
        cases = []
        for label, rate in [
            ("NaN", nan),
            ("Infinity", inf),
            ("-Infinity", -inf),
            ("zero", 0.0),
            ("negative", -2.0),
            ("1e300", 1e300),
            ("1e-12", 1e-12),
        ]:
            cases += [
                (
                    f"create: exchange rate {label}",
                    "customer.deposit",
                    "create",
                    None,
                    [{**foreign_vals, "exchange_rate": rate}],
                    {},
                ),
                (
                    f"write: exchange rate {label}",
                    "customer.deposit",
                    "write",
                    self.foreign_draft.ids,
                    [{"exchange_rate": rate}],
                    {},
                ),
            ]
        for label, amount in [
            ("1e20", 1e20),
            ("1e308", 1e308),
            ("NaN", nan),
            ("Infinity", inf),
            ("negative", -5.0),
            ("extra decimals", 10.005),
        ]:
            cases += [
                (
                    f"create: amount {label}",
                    "customer.deposit",
                    "create",
                    None,
                    [{**create_vals, "amount": amount}],
                    {},
                ),
                (
                    f"write: amount {label}",
                    "customer.deposit",
                    "write",
                    self.draft.ids,
                    [{"amount": amount}],
                    {},
                ),
                (
                    f"apply: amount {label}",
                    "customer.deposit",
                    "apply_to_invoice",
                    dep,
                    [inv],
                    {"amount": amount},
                ),
                (
                    f"refund: amount {label}",
                    "customer.deposit",
                    "refund",
                    dep,
                    [],
                    {"amount": amount},
                ),
            ]
        for method, args in [
            ("apply_to_invoice", [inv]),
            ("convert_to_credit", []),
            ("refund", []),
            ("forfeit", []),
            ("reverse", []),
        ]:
            cases.append((f"{method}: no deposit", "customer.deposit", method, [], args, {}))
            if method != "reverse":  # reverses several deposits by design
                cases.append((f"{method}: two deposits", "customer.deposit", method, two, args, {}))
        cases += [
            (
                "unapply: no application",
                "customer.deposit.application",
                "action_unapply",
                [],
                [],
                {},
            ),
            (
                "apply: deposit id as a string",
                "customer.deposit",
                "apply_to_invoice",
                [str(self.deposit.id)],
                [inv],
                {},
            ),
            (
                "apply: invoice id as a string",
                "customer.deposit",
                "apply_to_invoice",
                dep,
                [str(inv)],
                {},
            ),
            (
                "refund: journal id as a string",
                "customer.deposit",
                "refund",
                dep,
                [],
                {"journal": str(self.bank_journal.id)},
            ),
            ("reverse: bounced 'no'", "customer.deposit", "reverse", dep, [], {"bounced": "no"}),
            ("reverse: bounced 1", "customer.deposit", "reverse", dep, [], {"bounced": 1}),
            (
                "create: outgoing payment method",
                "customer.deposit",
                "create",
                None,
                [
                    {
                        **create_vals,
                        "amount": 10.0,
                        "payment_method_line_id": self.outbound_line.id,
                    }
                ],
                {},
            ),
            (
                "write: outgoing payment method",
                "customer.deposit",
                "write",
                self.draft.ids,
                [{"payment_method_line_id": self.outbound_line.id}],
                {},
            ),
            (
                "post: outgoing payment method",
                "customer.deposit",
                "action_post",
                self.outbound_draft.ids,
                [],
                {},
            ),
            (
                "apply: before the deposit date",
                "customer.deposit",
                "apply_to_invoice",
                dep,
                [inv],
                {"date": yesterday},
            ),
            (
                "credit: before the deposit date",
                "customer.deposit",
                "convert_to_credit",
                dep,
                [],
                {"date": yesterday},
            ),
            (
                "refund: before the deposit date",
                "customer.deposit",
                "refund",
                dep,
                [],
                {"date": yesterday},
            ),
            (
                "forfeit: before the deposit date",
                "customer.deposit",
                "forfeit",
                dep,
                [],
                {"date": yesterday},
            ),
            (
                "unapply: before the deposit date",
                "customer.deposit.application",
                "action_unapply",
                self.open_application.ids,
                [],
                {"date": yesterday},
            ),
            (
                "apply: impossible date",
                "customer.deposit",
                "apply_to_invoice",
                dep,
                [inv],
                {"date": "2023-02-30"},
            ),
        ]
        report = "customer.deposit.unapplied.report"
        for label, context in [
            ("impossible as-of date", {"deposit_as_of_date": "2023-02-30"}),
            ("as-of date in another format", {"deposit_as_of_date": "30/01/2023"}),
            ("as-of date a number", {"deposit_as_of_date": 20230130}),
            ("as-of date a list", {"deposit_as_of_date": ["2023-01-30"]}),
            (
                "company of another user",
                {"deposit_company_ids": [self.other_invoice.company_id.id]},
            ),
            ("missing company", {"deposit_company_ids": [MISSING]}),
            ("company ids a string", {"deposit_company_ids": "all"}),
        ]:
            cases += [
                (
                    f"unapplied report search_read: {label}",
                    report,
                    "search_read",
                    None,
                    [[], ["balance", "deposit_id"]],
                    {"context": context},
                ),
                (
                    f"unapplied report read_group: {label}",
                    report,
                    "read_group",
                    None,
                    [[], ["balance:sum"], ["partner_id"]],
                    {"context": context},
                ),
            ]
        return cases

    def vendor_vals(self):
        """Values of a new deposit of the vendor, but its side."""
        return {
            "partner_id": self.vendor.id,
            "amount": 10.0,
            "payment_reference": "X",
            "journal_id": self.bank_journal.id,
        }

    def vendor_cases(self):
        """The vendor side through the same catalogue: amounts, documents of the wrong side,
        dates, ids, payment methods and accounts of the wrong direction, the other side
        written on a deposit (what is not a side at all: ``side_cases``)."""
        dep, bill = [self.vendor_deposit.id], self.bill.id
        two = [self.vendor_deposit.id, self.vendor_deposit2.id]
        yesterday = fields.Date.to_string(fields.Date.today() - timedelta(days=1))
        create_vals = self.vendor_vals()
        model = "customer.deposit"
        cases = []
        for label, value in BAD_AMOUNTS:
            cases += [
                (
                    f"vendor apply: {label}",
                    model,
                    "apply_to_invoice",
                    dep,
                    [bill],
                    {"amount": value},
                ),
                (f"vendor credit: {label}", model, "convert_to_credit", dep, [], {"amount": value}),
                (f"vendor refund: {label}", model, "refund", dep, [], {"amount": value}),
                (f"vendor forfeit: {label}", model, "forfeit", dep, [], {"amount": value}),
            ]
        cases += [
            ("vendor apply: text bill id", model, "apply_to_invoice", dep, ["abc"], {}),
            ("vendor apply: bill id as a string", model, "apply_to_invoice", dep, [str(bill)], {}),
            ("vendor apply: missing bill", model, "apply_to_invoice", dep, [MISSING], {}),
            (
                "vendor apply: a customer invoice",
                model,
                "apply_to_invoice",
                dep,
                [self.invoice.id],
                {},
            ),
            (
                "vendor apply: the vendor's credit note",
                model,
                "apply_to_invoice",
                dep,
                [self.vendor_credit_note.id],
                {},
            ),
            (
                "vendor apply: another vendor's bill",
                model,
                "apply_to_invoice",
                dep,
                [self.other_vendor_bill.id],
                {},
            ),
            (
                "apply: a customer deposit to a bill",
                model,
                "apply_to_invoice",
                [self.deposit.id],
                [bill],
                {},
            ),
            (
                "vendor apply: draft deposit",
                model,
                "apply_to_invoice",
                self.vendor_draft.ids,
                [bill],
                {},
            ),
            ("vendor apply: two deposits", model, "apply_to_invoice", two, [bill], {}),
            (
                "vendor apply: locked date",
                model,
                "apply_to_invoice",
                dep,
                [bill],
                {"date": "2015-06-01"},
            ),
            (
                "vendor apply: bad date",
                model,
                "apply_to_invoice",
                dep,
                [bill],
                {"date": "31/12/2099"},
            ),
            (
                "vendor apply: impossible date",
                model,
                "apply_to_invoice",
                dep,
                [bill],
                {"date": "2023-02-30"},
            ),
            (
                "vendor apply: before the deposit date",
                model,
                "apply_to_invoice",
                dep,
                [bill],
                {"date": yesterday},
            ),
            (
                "vendor credit: before the deposit date",
                model,
                "convert_to_credit",
                dep,
                [],
                {"date": yesterday},
            ),
            ("vendor credit: two deposits", model, "convert_to_credit", two, [], {}),
            (
                "vendor refund: outgoing payment method",
                model,
                "refund",
                dep,
                [],
                {"payment_method_line": self.outbound_line.id},
            ),
            ("vendor refund: missing journal", model, "refund", dep, [], {"journal": MISSING}),
            ("vendor refund: locked date", model, "refund", dep, [], {"date": "2015-06-01"}),
            ("vendor refund: number as date", model, "refund", dep, [], {"date": 20990101}),
            (
                "vendor forfeit: an income account",
                model,
                "forfeit",
                dep,
                [],
                {"account": self.company.deposit_forfeit_account_id.id},
            ),
            ("vendor forfeit: missing account", model, "forfeit", dep, [], {"account": MISSING}),
            ("vendor reverse: locked date", model, "reverse", dep, [], {"date": "2015-06-01"}),
            ("vendor reverse: bounced 1", model, "reverse", dep, [], {"bounced": 1}),
            ("vendor post: posted deposit", model, "action_post", dep, [], {}),
            ("vendor post: zero amount", model, "action_post", self.vendor_zero_draft.ids, [], {}),
            (
                "vendor unapply: already unapplied",
                "customer.deposit.application",
                "action_unapply",
                self.vendor_application.ids,
                [],
                {},
            ),
            (
                "vendor create: incoming payment method",
                model,
                "create",
                None,
                [
                    {
                        **create_vals,
                        "partner_type": "supplier",
                        "payment_method_line_id": self.inbound_line.id,
                    }
                ],
                {},
            ),
            (
                "vendor create: on a sales order",
                model,
                "create",
                None,
                [
                    {
                        **create_vals,
                        "partner_type": "supplier",
                        "sale_order_id": self.vendor_order.id,
                    }
                ],
                {},
            ),
            (
                "vendor create: negative amount",
                model,
                "create",
                None,
                [{**create_vals, "partner_type": "supplier", "amount": -5.0}],
                {},
            ),
            (
                "vendor write: the customer side",
                model,
                "write",
                self.vendor_draft.ids,
                [{"partner_type": "customer"}],
                {},
            ),
            (
                "write: the vendor side",
                model,
                "write",
                self.draft.ids,
                [{"partner_type": "supplier"}],
                {},
            ),
        ]
        return cases

    def side_cases(self):
        """What is not a deposit side (``partner_type``: customer or supplier), sent to
        create, write, as a context default and to the Register / Pay a Deposit dialog."""
        model = "customer.deposit"
        create_vals = self.vendor_vals()
        cases = []
        for label, value in [
            ("'supplier '", "supplier "),
            ("'vendor'", "vendor"),
            ("'Supplier'", "Supplier"),
            ("1", 1),
            ("True", True),
            ("an empty string", ""),
            ("a list", ["supplier"]),
        ]:
            cases += [
                (
                    f"create: partner_type {label}",
                    model,
                    "create",
                    None,
                    [{**create_vals, "partner_type": value}],
                    {},
                ),
                (
                    f"write: partner_type {label}",
                    model,
                    "write",
                    self.vendor_draft.ids,
                    [{"partner_type": value}],
                    {},
                ),
                (
                    f"create: default_partner_type {label}",
                    model,
                    "create",
                    None,
                    [create_vals],
                    {"context": {"default_partner_type": value}},
                ),
                (
                    f"register dialog: partner_type {label}",
                    "customer.deposit.register",
                    "create",
                    None,
                    [{"partner_id": self.vendor.id, "partner_type": value}],
                    {},
                ),
            ]
        return cases

    def json_only_cases(self):
        """Numbers XML-RPC cannot carry (its integers stop at 2**31), sent as JSON."""
        big = 10**400
        dep, inv = [self.deposit.id], self.invoice.id
        vdep = [self.vendor_deposit.id]
        create_vals = {
            "partner_id": self.customer.id,
            "payment_reference": "X",
            "journal_id": self.bank_journal.id,
        }
        cases = [
            ("create: amount 10**400", "customer.deposit", "create", None, [{**create_vals, "amount": big}], {}),
            ("write: amount 10**400", "customer.deposit", "write", self.draft.ids, [{"amount": big}], {}),
            ("write: rate 10**400", "customer.deposit", "write", self.foreign_draft.ids, [{"exchange_rate": big}], {}),
            ("apply: amount 10**400", "customer.deposit", "apply_to_invoice", dep, [inv], {"amount": big}),
            ("refund: amount 10**400", "customer.deposit", "refund", dep, [], {"amount": big}),
            ("forfeit: amount 10**400", "customer.deposit", "forfeit", dep, [], {"amount": big}),
            ("apply: invoice id 10**400", "customer.deposit", "apply_to_invoice", dep, [big], {}),
        ]  # fmt: skip
        return cases + [
            (
                "vendor apply: amount 10**400",
                "customer.deposit",
                "apply_to_invoice",
                vdep,
                [self.bill.id],
                {"amount": big},
            ),
            (
                "vendor refund: amount 10**400",
                "customer.deposit",
                "refund",
                vdep,
                [],
                {"amount": big},
            ),
        ]

    def side_json_only_cases(self):
        """None: XML-RPC has no nil, JSON sends null."""
        create_vals = self.vendor_vals()
        return [
            (
                "create: partner_type None",
                "customer.deposit",
                "create",
                None,
                [{**create_vals, "partner_type": None}],
                {},
            ),
            (
                "write: partner_type None",
                "customer.deposit",
                "write",
                self.vendor_draft.ids,
                [{"partner_type": None}],
                {},
            ),
        ]

    def company_data_2_bank(self):
        return self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.other_invoice.company_id.id)], limit=1
        )

    def orm_call(self, model, method, ids, args, kwargs):
        kwargs = dict(kwargs)
        records = self.env[model].with_user(self.rpc_user).with_context(**kwargs.pop("context", {}))
        if ids is not None:
            records = records.browse(ids)
        return getattr(records, method)(*args, **kwargs)

    # -------------------------------------------------------------------------
    # Tests
    # -------------------------------------------------------------------------

    def test_orm_refusals(self):
        self.check_orm_refusals(self.cases() + self.json_only_cases())

    @mute_logger("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.sql_db")
    def test_xmlrpc_refusals(self):
        self.check_xmlrpc_refusals(self.cases())

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_jsonrpc_refusals(self):
        self.check_jsonrpc_refusals(self.cases() + self.json_only_cases())

    @mute_logger("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.sql_db")
    def test_partner_type_refusals(self):
        """What is not a deposit side is refused with a clear error through the ORM,
        XML-RPC and JSON-RPC, writing nothing."""
        self.check_orm_refusals(self.side_cases() + self.side_json_only_cases())
        self.check_xmlrpc_refusals(self.side_cases())
        self.check_jsonrpc_refusals(self.side_cases() + self.side_json_only_cases())

    def check_orm_refusals(self, cases):
        for label, model, method, ids, args, kwargs in cases:
            with self.subTest(f"ORM: {label}"):
                # A request's rollback: the ORM writes a bad value, then its constraint refuses it.
                with self.assertRefusedWithoutWrites(UserError, as_request=True, msg=label):
                    self.orm_call(model, method, ids, args, kwargs)

    def check_xmlrpc_refusals(self, cases):
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, self.rpc_user.login, self.rpc_user.login, {}
        )
        self.assertTrue(uid)
        for label, model, method, ids, args, kwargs in cases:
            with self.subTest(f"XML-RPC: {label}"):
                before = self.ledger_snapshot()
                positional = ([ids] if ids is not None else []) + list(args)
                with self.assertRaises(xmlrpc.client.Fault, msg=label) as caught:
                    self.xmlrpc_object.execute_kw(
                        self.env.cr.dbname,
                        uid,
                        self.rpc_user.login,
                        model,
                        method,
                        positional,
                        kwargs,
                    )
                fault = caught.exception
                self.assertIn(fault.faultCode, CLEAR_FAULT_CODES, f"{label}: {fault.faultString}")
                self.assertNotIn("Traceback", fault.faultString, label)
                self.assertFalse(self.ledger_changes(before, self.ledger_snapshot()), label)

    def check_jsonrpc_refusals(self, cases):
        db = self.env.cr.dbname
        uid = self.jsonrpc("common", "login", [db, self.rpc_user.login, self.rpc_user.login])[
            "result"
        ]
        self.assertTrue(uid)
        for label, model, method, ids, args, kwargs in cases:
            with self.subTest(f"JSON-RPC: {label}"):
                before = self.ledger_snapshot()
                positional = ([ids] if ids is not None else []) + list(args)
                answer = self.jsonrpc(
                    "object",
                    "execute_kw",
                    [db, uid, self.rpc_user.login, model, method, positional, kwargs],
                )
                self.assertIn("error", answer, label)
                data = answer["error"]["data"]
                self.assertIn(data["name"], CLEAR_EXCEPTIONS, f"{label}: {data}")
                self.assertTrue(data["message"], label)
                self.assertFalse(self.ledger_changes(before, self.ledger_snapshot()), label)

    @mute_logger("odoo.http", "odoo.addons.base.controllers.rpc")
    def test_xmlrpc_refund_returns_id(self):
        """refund() answers the payment's id over XML-RPC (a record cannot be marshalled)."""
        uid = self.xmlrpc_common.authenticate(
            self.env.cr.dbname, self.rpc_user.login, self.rpc_user.login, {}
        )
        deposit = self.create_deposit(amount=30.0)
        result = self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            self.rpc_user.login,
            "customer.deposit",
            "refund",
            [deposit.ids],
            {"amount": 10.0},
        )
        self.assertIsInstance(result, int)
        payment = self.env["account.payment"].browse(result)
        self.assertEqual(payment.deposit_id, deposit)
        self.assertEqual(payment.payment_type, "outbound")
        self.assertEqual(payment.amount, 10.0)
