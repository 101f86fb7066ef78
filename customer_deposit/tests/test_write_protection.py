# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Write protection: the model enforces the screens' rules for every caller.

A matrix of writes, each tried by each role (a salesman on his own documents, billing, an
accountant with the hidden "Show Full Accounting Features" group, an accounting manager,
a Settings administrator) on a deposit in each state (draft, cancelled, posted, partially
applied), with and without the context keys a caller could send
(``customer_deposit_internal``, ``skip_readonly_check``):

- every field of ``customer.deposit`` the addon maintains (derived from ``_fields``: the
  readonly ones, less the mail mixins' and the magic fields) and every field a user edits
  on a draft, by ``write``, ``create``, ``copy``, ``load`` and one2many commands of the
  sales order;
- every stored field of ``customer.deposit.application`` (create, write, unlink, copy);
- the deposit tags of ``account.move`` / ``account.move.line`` / ``account.payment`` (tag,
  untag, create);
- what undoes deposit entries and payments outside the addon: reset to draft, cancel,
  reject, state and field writes, unlink, unreconcile.

Expected (the policy): maintained fields are refused for everybody; a draft is editable by
its users; a posted or cancelled deposit keeps only ref, notes and the payer's name, bank
and branch editable (and the order link under the relink rules). Every refused attempt
must raise a UserError (AccessError and ValidationError are UserErrors) and write nothing:
the rows of the deposits, their applications, entries, items, partials and payments and the
company's settings are compared (SQL) before and after, and the ledger must stay tied.
"""

import logging
from collections import Counter
from contextlib import closing
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CustomerDepositCommon, RpcMixin

_logger = logging.getLogger(__name__)

MAGIC_FIELDS = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}
# A draft deposit: what its users may change.
DRAFT_FIELDS = {
    "partner_id",
    "sale_order_id",
    "journal_id",
    "opening_balance",
    "currency_id",
    "amount",
    "exchange_rate",
    "payment_method_line_id",
    "date",
    "company_id",
    "payment_reference",
    "payer_name",
    "payer_bank",
    "payer_branch",
    "ref",
    "notes",
}
# A posted or cancelled deposit: what stays editable (plus sale_order_id, relink rules).
POSTED_FIELDS = {"ref", "notes", "payer_name", "payer_bank", "payer_branch"}
STATES = ("draft", "cancelled", "posted", "partial")
ROLES = ("salesman", "billing", "account_user", "accountant", "admin")
# Context keys a caller may send: never a permission.
CONTEXTS = {
    "plain": {},
    "keys": {"customer_deposit_internal": True, "skip_readonly_check": True},
}
OPERATION_CONTEXTS = {
    "plain": {},
    "internal": {"customer_deposit_internal": True},
    "skip_readonly": {"skip_readonly_check": True},
    "both": {"customer_deposit_internal": True, "skip_readonly_check": True},
}


def maintained_fields(env):
    """The fields of customer.deposit the addon maintains: readonly, not of the mail
    mixins, not magic (the same derivation as the policy, so that it keeps up)."""
    mixins = set(env["mail.thread"]._fields) | set(env["mail.activity.mixin"]._fields)
    return sorted(
        name
        for name, field in env["customer.deposit"]._fields.items()
        if field.readonly and name not in mixins and name not in MAGIC_FIELDS
    )


def application_fields(env):
    return sorted(
        name
        for name, field in env["customer.deposit.application"]._fields.items()
        if field.store and name not in MAGIC_FIELDS
    )


class WriteProtectionCommon(CustomerDepositCommon):
    """Users of every role and deposits in every state, made once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls.env["res.company"].create(
            {"name": "Write Protection Branch", "parent_id": cls.company.id}
        )
        cls.setup_role_users(*ROLES, companies=cls.company | cls.branch)
        salesman = cls.users["salesman"]
        cls.order, cls.order2, cls.order_b = (
            cls.create_order(900.0, partner=partner, user_id=salesman.id)
            for partner in (cls.customer, cls.customer, cls.partner_b)
        )
        # An order of the branch: a deposit moved to the branch goes with an order of it.
        cls.order_branch = cls.create_order(900.0, company=cls.branch, user_id=salesman.id)
        cls.cash_journal = cls.company_data["default_journal_cash"]
        cls.second_inbound_line = cls.env["account.payment.method.line"].create(
            {
                "name": "Second inbound method",
                "journal_id": cls.bank_journal.id,
                "payment_method_id": cls.inbound_payment_method_line.payment_method_id.id,
            }
        )
        cls.outbound_line = cls.bank_journal._get_available_payment_method_lines("outbound")[:1]
        cls.other_liability = cls.env["account.account"].create(
            {
                "name": "Another liability",
                "code": "WP2999",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )

        # The deposits whose rows are watched: one per state, all linked to the
        # salesman's order (his own documents).
        link = {"sale_order_id": cls.order.id}
        cls.deposits = {
            "draft": cls.create_deposit(
                amount=400.0, post=False, currency=cls.other_currency, **link
            ),
            "cancelled": cls.create_deposit(amount=300.0, post=False, **link),
            "posted": cls.create_deposit(amount=500.0, **link),
            "partial": cls.create_deposit(amount=600.0, **link),
        }
        cls.deposits["cancelled"].action_cancel()
        cls.invoice = cls.create_invoice(amount=1000.0)
        cls.application = cls.deposits["partial"].apply_to_invoice(cls.invoice, amount=150.0)
        # An application already undone, and another deposit with its own application.
        cls.other_deposit = cls.create_deposit(amount=200.0, **link)
        cls.other_invoice = cls.create_invoice(amount=300.0)
        cls.unapplied = cls.other_deposit.apply_to_invoice(cls.other_invoice, amount=50.0)
        cls.unapplied.action_unapply()
        cls.other_application = cls.other_deposit.apply_to_invoice(cls.other_invoice, amount=20.0)

        # Records that belong to no deposit (to tag).
        cls.foreign_move = cls.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": cls.company_data["default_journal_misc"].id,
                "date": fields.Date.today(),
                "line_ids": [
                    Command.create(
                        {
                            "name": "foreign",
                            "account_id": cls.company_data["default_account_revenue"].id,
                            "credit": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "foreign",
                            "account_id": cls.company_data["default_account_expense"].id,
                            "debit": 10.0,
                        }
                    ),
                ],
            }
        )
        cls.foreign_move.action_post()
        cls.foreign_payment = cls.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": cls.customer.id,
                "amount": 10.0,
                "journal_id": cls.bank_journal.id,
            }
        )
        cls.env.flush_all()

    # -------------------------------------------------------------------------
    # Helpers
    # -------------------------------------------------------------------------

    def user_env(self, role, context=None):
        # The main company first: it is the current one.
        return self.env(
            user=self.users[role],
            context={"allowed_company_ids": [self.company.id, self.branch.id], **(context or {})},
        )

    def snapshot(self):
        """The watched rows: those of the company and its branch (``ledger_snapshot``)."""
        return self.ledger_snapshot(self.company | self.branch)

    # -------------------------------------------------------------------------
    # Values: a plausible different value of the right type
    # -------------------------------------------------------------------------

    def candidates(self, comodel):
        """Records of ``comodel`` to pick a different value from."""
        return {
            "res.partner": [self.partner_b, self.customer],
            "sale.order": [self.order2, self.order],
            "account.journal": [self.cash_journal, self.bank_journal],
            "res.currency": [self.other_currency, self.company.currency_id],
            "account.payment.method.line": [self.second_inbound_line, self.outbound_line],
            "res.company": [self.branch, self.company],
            "account.payment": [self.foreign_payment, self.other_deposit.payment_id],
            "account.account": [self.other_liability, self.deposit_account],
            "account.move": [self.foreign_move, self.other_invoice],
            "customer.deposit": [self.other_deposit, self.deposits["posted"]],
            "customer.deposit.application": [self.other_application, self.unapplied],
        }[comodel]

    def field_values(self, record, name):
        """[(label, vals)] of writes of ``name`` on ``record`` with a different value."""
        field = record._fields[name]
        current = record[name]
        if name == "partner_id" and record._name == "customer.deposit":
            # Another customer, with an order of his (the order must be the customer's).
            return [("", {"partner_id": self.partner_b.id, "sale_order_id": self.order_b.id})]
        if name == "company_id" and record._name == "customer.deposit":
            # The branch, with an order of the branch (the order must be of the company).
            return [("", {"company_id": self.branch.id, "sale_order_id": self.order_branch.id})]
        if field.type == "many2one":
            other = next(r for r in self.candidates(field.comodel_name) if r != current)
            return [("", {name: other.id})]
        if field.type == "one2many":
            values = []
            other = next(r for r in self.candidates(field.comodel_name) if r not in current)
            values.append(("link", {name: [Command.link(other.id)]}))
            if current:
                values.append(("unlink", {name: [Command.unlink(current[:1].id)]}))
            return values
        if field.type == "many2many":
            other = self.candidates(field.comodel_name)[0]
            if field.comodel_name == "account.payment.method.line":
                other = self.outbound_line
            return [("", {name: [Command.set(other.ids)]})]
        if field.type == "selection":
            selection = field._description_selection(self.env)
            return [("", {name: next(key for key, _label in selection if key != current)})]
        if field.type == "boolean":
            return [("", {name: not current})]
        if field.type == "integer":
            return [("", {name: (current or 0) + 7})]
        if field.type in ("float", "monetary"):
            return [("", {name: (current or 0.0) + 1.25})]
        if field.type == "date":
            return [("", {name: (current or fields.Date.today()) - timedelta(days=1)})]
        if field.type == "html":
            return [("", {name: "<p>Changed by the write-protection matrix</p>"})]
        if field.type in ("char", "text"):
            return [("", {name: f"WP-{name}-{(current or '')[:10]}"})]
        raise AssertionError(f"no value for {record._name}.{name} ({field.type})")

    # -------------------------------------------------------------------------
    # Running one cell
    # -------------------------------------------------------------------------

    def try_cell(self, label, allowed, call, inner_savepoint=False, succeeded=None):
        """Run ``call()`` in a savepoint rolled back afterwards; return a problem or None.

        ``succeeded(result)``: whether a call that raised nothing did what it was asked
        (``load`` reports its errors instead of raising)."""
        problem = None
        with closing(self.env.cr.savepoint()):
            before = self.snapshot()
            try:
                if inner_savepoint:
                    # The ORM inserts, then checks: the call gets its own savepoint, as a
                    # request would be rolled back.
                    with self.env.cr.savepoint():
                        result = call()
                else:
                    result = call()
                done = succeeded(result) if succeeded else True
                error = None if done else f"reported {result}"
            except UserError as exc:
                done, error = False, exc
            except Exception as exc:  # noqa: BLE001 - wrong exception type: a finding
                return f"{label}: {type(exc).__name__} instead of a UserError: {exc}"
            if done and not allowed:
                try:
                    effect = self.ledger_changes(before, self.snapshot())
                    ledger = self.ledger_gap() or "ledger still tied"
                except Exception as exc:  # noqa: BLE001
                    effect, ledger = [f"(snapshot failed: {exc})"], "?"
                problem = f"{label}: FORBIDDEN WRITE ACCEPTED ({ledger}; wrote {effect[:4]})"
            elif not done and allowed:
                problem = f"{label}: allowed write refused ({error})"
            elif not done:
                try:
                    changed = self.ledger_changes(before, self.snapshot())
                except Exception as exc:  # noqa: BLE001
                    changed = [f"(snapshot failed: {exc})"]
                if changed:
                    problem = f"{label}: refused ({error}) but wrote {changed}"
                else:
                    problem = self.ledger_gap() and f"{label}: {self.ledger_gap()}"
        return problem


@tagged("post_install", "-at_install")
class TestWriteProtection(WriteProtectionCommon):
    def _deposit_expected(self, names, state):
        maintained = set(maintained_fields(self.env))
        if maintained & set(names):
            return False
        if state == "draft":
            return set(names) <= DRAFT_FIELDS
        editable = set(POSTED_FIELDS)
        if state in ("posted", "cancelled"):
            # Relink rules: an order of the customer, nothing applied yet.
            editable.add("sale_order_id")
        return set(names) <= editable

    def _run(self, cells):
        """cells: [(kind, label, allowed, call, options)]; returns the tallies and the
        problems."""
        tally = Counter()
        problems = []
        for kind, label, allowed, call, options in cells:
            tally[kind] += 1
            tally["allowed" if allowed else "forbidden"] += 1
            problem = self.try_cell(label, allowed, call, **options)
            if problem:
                problems.append(problem)
                if "FORBIDDEN WRITE ACCEPTED" in problem:
                    tally["unrefused forbidden writes"] += 1
        return tally, problems

    # -------------------------------------------------------------------------
    # Cells
    # -------------------------------------------------------------------------

    def _deposit_write_cells(self):
        names = maintained_fields(self.env) + sorted(DRAFT_FIELDS)
        cells = []
        for state, deposit in self.deposits.items():
            for name in names:
                for variant, vals in self.field_values(deposit, name):
                    allowed = self._deposit_expected(vals, state)
                    for role in ROLES:
                        for context_name, context in CONTEXTS.items():
                            # A cancelled draft is refused like a posted one but stays a
                            # draft for the relink rules.
                            label = (
                                f"customer.deposit.write {name}{variant and ' ' + variant} "
                                f"{state} as {role} ({context_name})"
                            )
                            cells.append(
                                (
                                    "deposit write",
                                    label,
                                    allowed,
                                    self._writer(deposit, role, context, vals),
                                    {},
                                )
                            )
        return names, cells

    def _writer(self, records, role, context, vals):
        def call():
            records.with_env(self.user_env(role, context)).write(vals)

        return call

    def _deposit_create_vals(self):
        return {
            "partner_id": self.customer.id,
            "sale_order_id": self.order.id,
            "company_id": self.company.id,
            "currency_id": self.company.currency_id.id,
            "journal_id": self.bank_journal.id,
            "amount": 75.0,
            "payment_reference": "WP-CREATE",
        }

    def _deposit_create_cells(self):
        """create / copy / load / sales order one2many commands naming each maintained
        field, and the same without it (allowed)."""
        cells = []
        template = self.env["customer.deposit"].new(self._deposit_create_vals())
        posted = self.deposits["posted"]
        for name in [None, *maintained_fields(self.env)]:
            values = [("", {})] if name is None else self.field_values(template, name)
            for variant, extra in values:
                allowed = name is None
                field_label = name or "(draft fields only)"
                field_label += variant and f" {variant}"
                for role in ROLES:
                    for context_name, context in CONTEXTS.items():
                        suffix = f"{field_label} as {role} ({context_name})"
                        vals = {**self._deposit_create_vals(), **extra}
                        cells += [
                            (
                                "deposit create",
                                f"customer.deposit.create {suffix}",
                                allowed,
                                self._creator("customer.deposit", role, context, vals),
                                {"inner_savepoint": True},
                            ),
                            (
                                "deposit copy",
                                f"customer.deposit.copy {suffix}",
                                allowed,
                                self._copier(posted, role, context, extra),
                                {"inner_savepoint": True},
                            ),
                            (
                                "sale order one2many",
                                f"sale.order.write deposit_ids create {suffix}",
                                allowed,
                                self._writer(
                                    self.order,
                                    role,
                                    context,
                                    {"deposit_ids": [Command.create(vals)]},
                                ),
                                {"inner_savepoint": True},
                            ),
                        ]
                        if name is not None:
                            cells.append(
                                (
                                    "sale order one2many",
                                    f"sale.order.write deposit_ids update {suffix}",
                                    False,
                                    self._writer(
                                        self.order,
                                        role,
                                        context,
                                        {"deposit_ids": [Command.update(posted.id, extra)]},
                                    ),
                                    {},
                                )
                            )
        # Imports: a column per maintained field (the first row: draft fields only).
        load_columns = [
            (None, None),
            ("name", "DEP/HACKED/0001"),
            ("state", "applied"),
            ("is_cancelled", "1"),
            ("amount_residual", "0"),
            ("amount_applied", "75"),
            ("deposit_account_id/.id", str(self.other_liability.id)),
            ("payment_id/.id", str(self.foreign_payment.id)),
        ]
        for column, value in load_columns:
            load_fields = ["partner_id/.id", "sale_order_id/.id", "amount", "payment_reference"]
            row = [str(self.customer.id), str(self.order.id), "75", "WP-LOAD"]
            if column:
                load_fields.append(column)
                row.append(value)
            for role in ROLES:
                cells.append(
                    (
                        "deposit load",
                        f"customer.deposit.load {column or '(draft fields only)'} as {role}",
                        column is None,
                        self._loader(role, load_fields, [row]),
                        {"inner_savepoint": True, "succeeded": lambda result: result["ids"]},
                    )
                )
        return cells

    def _creator(self, model, role, context, vals):
        def call():
            self.user_env(role, context)[model].create(vals)

        return call

    def _copier(self, record, role, context, default):
        def call():
            record.with_env(self.user_env(role, context)).copy(default)

        return call

    def _loader(self, role, load_fields, rows):
        def call():
            return self.user_env(role)["customer.deposit"].load(load_fields, rows)

        return call

    def _application_cells(self):
        names = application_fields(self.env)
        cells = []
        applications = {"applied": self.application, "unapplied": self.unapplied}
        for state, application in applications.items():
            for role in ROLES:
                for context_name, context in CONTEXTS.items():
                    suffix = f"{state} as {role} ({context_name})"
                    for name in names:
                        for variant, vals in self.field_values(application, name):
                            cells.append(
                                (
                                    "application write",
                                    f"customer.deposit.application.write {name}{variant} {suffix}",
                                    False,
                                    self._writer(application, role, context, vals),
                                    {},
                                )
                            )
                    cells += [
                        (
                            "application unlink",
                            f"customer.deposit.application.unlink {suffix}",
                            False,
                            self._caller(application, role, context, "unlink"),
                            {},
                        ),
                        (
                            "application create",
                            f"customer.deposit.application.copy {suffix}",
                            False,
                            self._copier(application, role, context, {}),
                            {"inner_savepoint": True},
                        ),
                        (
                            "application create",
                            f"customer.deposit.application.create {suffix}",
                            False,
                            self._creator(
                                "customer.deposit.application",
                                role,
                                context,
                                {
                                    "deposit_id": application.deposit_id.id,
                                    "invoice_id": application.invoice_id.id,
                                    "move_id": application.move_id.id,
                                },
                            ),
                            {"inner_savepoint": True},
                        ),
                        (
                            "application one2many",
                            f"account.move.write deposit_application_ids update {suffix}",
                            False,
                            self._writer(
                                application.invoice_id,
                                role,
                                context,
                                {
                                    "deposit_application_ids": [
                                        Command.update(application.id, {"state": "unapplied"})
                                    ]
                                },
                            ),
                            {},
                        ),
                        (
                            "application one2many",
                            f"account.move.write deposit_application_ids delete {suffix}",
                            False,
                            self._writer(
                                application.invoice_id,
                                role,
                                context,
                                {"deposit_application_ids": [Command.delete(application.id)]},
                            ),
                            {},
                        ),
                        (
                            "application one2many",
                            f"customer.deposit.write application_ids create {suffix}",
                            False,
                            self._writer(
                                application.deposit_id,
                                role,
                                context,
                                {
                                    "application_ids": [
                                        Command.create(
                                            {
                                                "invoice_id": application.invoice_id.id,
                                                "move_id": self.foreign_move.id,
                                            }
                                        )
                                    ]
                                },
                            ),
                            {},
                        ),
                    ]
        return names, cells

    def _reversal_wizard(self, move, role, context, method):
        def call():
            env = self.user_env(
                role, {"active_model": "account.move", "active_ids": move.ids, **context}
            )
            wizard = env["account.move.reversal"].create(
                {"journal_id": move.journal_id.id, "date": move.date, "reason": "matrix"}
            )
            getattr(wizard, method)()

        return call

    def _caller(self, records, role, context, method, *args):
        def call():
            getattr(records.with_env(self.user_env(role, context)), method)(*args)

        return call

    def _account_tag_cells(self):
        """deposit_id / deposit_move_kind of entries, deposit_id of items and payments:
        tag a record of no deposit (with the draft or the posted deposit), untag or retag
        the deposit's own, create with them."""
        cells = []
        misc = self.company_data["default_journal_misc"]
        revenue = self.company_data["default_account_revenue"]
        expense = self.company_data["default_account_expense"]
        for state in ("draft", "posted"):
            deposit = self.deposits[state]
            receipt = self.deposits["posted"].payment_id.move_id
            receipt_line = receipt.line_ids[:1]
            writes = [
                ("account.move deposit_id tag", self.foreign_move, {"deposit_id": deposit.id}),
                (
                    "account.move deposit_move_kind tag",
                    self.foreign_move,
                    {"deposit_move_kind": "apply"},
                ),
                (
                    "account.move.line deposit_id tag",
                    self.foreign_move.line_ids[:1],
                    {"deposit_id": deposit.id},
                ),
                (
                    "account.move.line deposit_id tag (entry one2many)",
                    self.foreign_move,
                    {
                        "line_ids": [
                            Command.update(
                                self.foreign_move.line_ids[:1].id, {"deposit_id": deposit.id}
                            )
                        ]
                    },
                ),
                (
                    "account.payment deposit_id tag",
                    self.foreign_payment,
                    {"deposit_id": deposit.id},
                ),
            ]
            if state == "posted":
                writes += [
                    ("account.move deposit_id untag", receipt, {"deposit_id": False}),
                    (
                        "account.move deposit_id retag",
                        receipt,
                        {"deposit_id": self.other_deposit.id},
                    ),
                    (
                        "account.move deposit_move_kind change",
                        receipt,
                        {"deposit_move_kind": "refund"},
                    ),
                    (
                        "account.move deposit_move_kind untag",
                        self.application.move_id,
                        {"deposit_move_kind": False},
                    ),
                    ("account.move.line deposit_id untag", receipt_line, {"deposit_id": False}),
                    (
                        "account.move.line deposit_id retag",
                        receipt_line,
                        {"deposit_id": self.other_deposit.id},
                    ),
                    (
                        "account.payment deposit_id untag",
                        deposit.payment_id,
                        {"deposit_id": False},
                    ),
                    (
                        "account.payment deposit_id retag",
                        deposit.payment_id,
                        {"deposit_id": self.other_deposit.id},
                    ),
                ]
            creates = [
                (
                    "account.move create with deposit_id",
                    "account.move",
                    {
                        "move_type": "entry",
                        "journal_id": misc.id,
                        "deposit_id": deposit.id,
                        "line_ids": [
                            Command.create({"account_id": revenue.id, "credit": 5.0}),
                            Command.create({"account_id": expense.id, "debit": 5.0}),
                        ],
                    },
                ),
                (
                    "account.move create with deposit_move_kind",
                    "account.move",
                    {
                        "move_type": "entry",
                        "journal_id": misc.id,
                        "deposit_move_kind": "receipt",
                        "line_ids": [
                            Command.create({"account_id": revenue.id, "credit": 5.0}),
                            Command.create({"account_id": expense.id, "debit": 5.0}),
                        ],
                    },
                ),
                (
                    "account.move create with an item's deposit_id",
                    "account.move",
                    {
                        "move_type": "entry",
                        "journal_id": misc.id,
                        "line_ids": [
                            Command.create(
                                {"account_id": revenue.id, "credit": 5.0, "deposit_id": deposit.id}
                            ),
                            Command.create({"account_id": expense.id, "debit": 5.0}),
                        ],
                    },
                ),
                (
                    "account.payment create with deposit_id",
                    "account.payment",
                    {
                        "payment_type": "inbound",
                        "partner_type": "customer",
                        "partner_id": self.customer.id,
                        "amount": 5.0,
                        "journal_id": self.bank_journal.id,
                        "deposit_id": deposit.id,
                    },
                ),
            ]
            for role in ROLES:
                for context_name, context in CONTEXTS.items():
                    suffix = f"({state} deposit) as {role} ({context_name})"
                    for label, records, vals in writes:
                        cells.append(
                            (
                                "account tag write",
                                f"{label} {suffix}",
                                False,
                                self._writer(records, role, context, vals),
                                {},
                            )
                        )
                    for label, model, vals in creates:
                        cells.append(
                            (
                                "account tag create",
                                f"{label} {suffix}",
                                False,
                                self._creator(model, role, context, vals),
                                {"inner_savepoint": True},
                            )
                        )
        return cells

    def _operation_cells(self):
        """Undoing deposit entries and payments outside the addon (policy 5 and 6)."""
        posted = self.deposits["posted"]
        payment = posted.payment_id
        receipt = payment.move_id
        transfer = self.application.move_id
        deposit_line = self.deposits["partial"]._get_payment_lines()
        partials = deposit_line.matched_debit_ids
        open_line = posted._get_payment_lines()
        operations = [
            ("receipt entry button_draft", receipt, "button_draft", ()),
            ("receipt entry button_cancel", receipt, "button_cancel", ()),
            ("receipt entry write state draft", receipt, "write", ({"state": "draft"},)),
            ("receipt entry write state cancel", receipt, "write", ({"state": "cancel"},)),
            ("receipt entry unlink", receipt, "unlink", ()),
            ("transfer entry button_draft", transfer, "button_draft", ()),
            ("transfer entry button_cancel", transfer, "button_cancel", ()),
            ("transfer entry write state draft", transfer, "write", ({"state": "draft"},)),
            ("transfer entry unlink", transfer, "unlink", ()),
            ("payment action_draft", payment, "action_draft", ()),
            ("payment action_cancel", payment, "action_cancel", ()),
            ("payment action_reject", payment, "action_reject", ()),
            ("payment unlink", payment, "unlink", ()),
            (
                "deposit-account item remove_move_reconcile",
                deposit_line,
                "remove_move_reconcile",
                (),
            ),
            (
                "transfer deposit-account item remove_move_reconcile",
                self.deposit_lines(transfer),
                "remove_move_reconcile",
                (),
            ),
            ("deposit-account partial unlink", partials, "unlink", ()),
            (
                "receipt entry write line_ids create",
                receipt,
                "write",
                (
                    {
                        "line_ids": [
                            Command.create({"account_id": self.deposit_account.id, "credit": 25.0}),
                            Command.create(
                                {"account_id": self.outstanding_receipts.id, "debit": 25.0}
                            ),
                        ]
                    },
                ),
            ),
            (
                "receipt entry write line_ids update",
                receipt,
                "write",
                ({"line_ids": [Command.update(open_line.id, {"partner_id": self.partner_b.id})]},),
            ),
        ]
        reversal_wizard = [
            ("receipt entry reversal wizard (reverse)", receipt, "refund_moves"),
            ("receipt entry reversal wizard (reverse and create)", receipt, "modify_moves"),
            ("transfer entry reversal wizard (reverse)", transfer, "refund_moves"),
        ]
        for state in ("draft", "canceled", "rejected"):
            operations.append(
                (f"payment write state {state}", payment, "write", ({"state": state},))
            )
        payment_writes = {
            "amount": payment.amount + 1.0,
            "partner_id": self.partner_b.id,
            "journal_id": self.cash_journal.id,
            "date": payment.date - timedelta(days=1),
            "currency_id": self.other_currency.id,
            "destination_account_id": self.receivable.id,
            "payment_type": "outbound",
            "partner_type": "supplier",
            "move_id": self.foreign_move.id,
        }
        for name, value in payment_writes.items():
            operations.append((f"payment write {name}", payment, "write", ({name: value},)))
        cells = []
        for role in ROLES:
            for context_name, context in OPERATION_CONTEXTS.items():
                for label, move, method in reversal_wizard:
                    cells.append(
                        (
                            "entry/payment operation",
                            f"{label} as {role} ({context_name})",
                            False,
                            self._reversal_wizard(move, role, context, method),
                            {},
                        )
                    )
                for label, records, method, args in operations:
                    self.assertTrue(records, label)
                    cells.append(
                        (
                            "entry/payment operation",
                            f"{label} as {role} ({context_name})",
                            False,
                            self._caller(records, role, context, method, *args),
                            {},
                        )
                    )
        return cells

    def _item_cells(self):
        """The deposit's journal items themselves, what its balance is read from: account,
        partner, residual and reconciled flag of its items on the deposit account, and
        items added to a posted deposit entry. Not in the policy's list of operations
        (which names reset, cancel, state, unlink, unreconcile), but each one changes the
        deposit behind its back; the screens never allow them on posted entries."""
        posted = self.deposits["posted"]
        receipt = posted.payment_id.move_id
        deposit_line = self.deposits["partial"]._get_payment_lines()
        open_line = posted._get_payment_lines()
        operations = [
            (
                "open deposit item write account",
                open_line,
                "write",
                ({"account_id": self.other_liability.id},),
            ),
            (
                "open deposit item write partner",
                open_line,
                "write",
                ({"partner_id": self.partner_b.id},),
            ),
            ("open deposit item write residual", open_line, "write", ({"amount_residual": 0.0},)),
            (
                "open deposit item write residual in currency",
                open_line,
                "write",
                ({"amount_residual_currency": 0.0, "amount_residual": 0.0},),
            ),
            ("open deposit item write reconciled", open_line, "write", ({"reconciled": True},)),
            (
                "used deposit item write residual",
                deposit_line,
                "write",
                ({"amount_residual": 0.0},),
            ),
        ]
        # Items added to a posted deposit entry: the deposit's balance would change.
        item_creates = [
            {
                "move_id": receipt.id,
                "account_id": self.deposit_account.id,
                "partner_id": posted.partner_id.id,
                "credit": 25.0,
            },
            {
                "move_id": receipt.id,
                "account_id": self.outstanding_receipts.id,
                "partner_id": posted.partner_id.id,
                "debit": 25.0,
            },
        ]
        cells = []
        for role in ROLES:
            for context_name, context in OPERATION_CONTEXTS.items():
                cells.append(
                    (
                        "deposit item",
                        f"account.move.line create on the receipt entry as {role} ({context_name})",
                        False,
                        self._creator("account.move.line", role, context, item_creates),
                        {"inner_savepoint": True},
                    )
                )
                for label, records, method, args in operations:
                    self.assertTrue(records, label)
                    cells.append(
                        (
                            "deposit item",
                            f"{label} as {role} ({context_name})",
                            False,
                            self._caller(records, role, context, method, *args),
                            {},
                        )
                    )
        return cells

    # -------------------------------------------------------------------------
    # Tests
    # -------------------------------------------------------------------------

    def test_write_protection_matrix(self):
        maintained = maintained_fields(self.env)
        _logger.info("maintained customer.deposit fields (%s): %s", len(maintained), maintained)
        for required in (
            "name",
            "state",
            "payment_id",
            "deposit_account_id",
            "move_ids",
            "application_ids",
            "amount_residual",
            "amount_residual_company",
        ):
            self.assertIn(required, maintained)
        self.assertFalse(set(maintained) & DRAFT_FIELDS)
        self.assertIsNone(self.ledger_gap())

        deposit_names, write_cells = self._deposit_write_cells()
        application_names, application_cells = self._application_cells()
        cells = (
            write_cells
            + self._deposit_create_cells()
            + application_cells
            + self._account_tag_cells()
            + self._operation_cells()
        )
        tally, problems = self._run(cells)
        _logger.info(
            "write-protection matrix: customer.deposit %s fields (%s maintained + %s draft) x "
            "%s roles x %s states x %s contexts; customer.deposit.application %s fields x "
            "%s roles x 2 states x %s contexts; %s cells in all (%s allowed, %s forbidden): %s; "
            "unrefused forbidden writes: %s, problems: %s",
            len(deposit_names),
            len(maintained),
            len(DRAFT_FIELDS),
            len(ROLES),
            len(STATES),
            len(CONTEXTS),
            len(application_names),
            len(ROLES),
            len(CONTEXTS),
            len(cells),
            tally["allowed"],
            tally["forbidden"],
            {
                kind: count
                for kind, count in tally.items()
                if kind not in ("allowed", "forbidden", "unrefused forbidden writes")
            },
            tally["unrefused forbidden writes"],
            len(problems),
        )
        for problem in problems:
            _logger.info("write-protection: %s", problem)
        self.assertEqual(
            tally["unrefused forbidden writes"],
            0,
            "\n".join(p for p in problems if "FORBIDDEN WRITE ACCEPTED" in p),
        )
        self.assertFalse(problems, "\n".join(problems))

    def test_deposit_items_protected(self):
        """Direct writes on a deposit's journal items (and items added to its entries),
        whatever the role and context: refused, nothing written."""
        cells = self._item_cells()
        tally, problems = self._run(cells)
        _logger.info(
            "deposit items matrix: %s cells, unrefused forbidden writes: %s, problems: %s",
            len(cells),
            tally["unrefused forbidden writes"],
            len(problems),
        )
        for problem in problems:
            _logger.info("deposit items: %s", problem)
        self.assertFalse(problems, "\n".join(problems))

    def test_invoice_widget_unreconcile_unapplies(self):
        """Odoo's "Unreconcile" in the invoice's payment widget on a deposit application is
        the application's unapply: invoice and deposit agree; refused without billing
        rights."""
        deposit = self.deposits["partial"]
        receivable = self.invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        transfer_lines = self.application.move_id.line_ids
        partial = (receivable.matched_credit_ids | receivable.matched_debit_ids).filtered(
            lambda p: p.credit_move_id in transfer_lines or p.debit_move_id in transfer_lines
        )
        self.assertEqual(len(partial), 1)
        for role in ("salesman",):
            problem = self.try_cell(
                f"js_remove_outstanding_partial as {role}",
                False,
                self._caller(self.invoice, role, {}, "js_remove_outstanding_partial", partial.id),
            )
            self.assertFalse(problem, problem)
        residual_before = deposit.amount_residual
        invoice_residual = self.invoice.amount_residual
        self.invoice.with_env(self.user_env("billing")).js_remove_outstanding_partial(partial.id)
        self.env.invalidate_all()
        self.assertEqual(self.application.state, "unapplied")
        self.assertAlmostEqual(deposit.amount_residual, residual_before + 150.0)
        self.assertAlmostEqual(self.invoice.amount_residual, invoice_residual + 150.0)
        self.assertIsNone(self.ledger_gap())

    def test_role_actions(self):
        """Policy 3: salesman posts his own; billing applies, unapplies, moves to credit;
        accountants (the hidden "Show Full Accounting Features" group is enough) refund,
        reverse and forfeit."""
        expected = {
            # action: roles allowed
            "apply": {"billing", "account_user", "accountant", "admin"},
            "unapply": {"billing", "account_user", "accountant", "admin"},
            "convert": {"billing", "account_user", "accountant", "admin"},
            "refund": {"account_user", "accountant", "admin"},
            "reverse": {"account_user", "accountant", "admin"},
            "forfeit": {"account_user", "accountant", "admin"},
            "post": set(ROLES),
        }
        problems = []
        for action, allowed_roles in expected.items():
            for role in ROLES:
                problem = self.try_cell(
                    f"{action} as {role}",
                    role in allowed_roles,
                    self._action_call(action, role),
                )
                if problem:
                    problems.append(problem)
        self.assertFalse(problems, "\n".join(problems))

    def _action_call(self, action, role):
        env = self.user_env(role)
        posted = self.deposits["posted"].with_env(env)

        def call():
            if action == "apply":
                posted.apply_to_invoice(self.other_invoice.id, amount=10.0)
            elif action == "unapply":
                self.application.with_env(env).action_unapply()
            elif action == "convert":
                posted.convert_to_credit(amount=10.0)
            elif action == "refund":
                posted.refund(amount=10.0)
            elif action == "reverse":
                posted.reverse(reason="role matrix")
            elif action == "forfeit":
                posted.forfeit(amount=10.0)
            elif action == "post":
                self.deposits["draft"].with_env(env).action_post()

        return call


@tagged("post_install", "-at_install")
class TestWriteProtectionRPC(WriteProtectionCommon, HttpCase, RpcMixin):
    """A sample of the matrix over XML-RPC and JSON-RPC, as the user, with the context
    keys sent by the caller."""

    def rpc_cases(self):
        """(label, role, model, method, ids, args, kwargs, allowed)"""
        posted = self.deposits["posted"]
        draft = self.deposits["draft"]
        receipt = posted.payment_id.move_id
        payment = posted.payment_id
        deposit_lines = self.deposits["partial"]._get_payment_lines()
        deposit, application = "customer.deposit", "customer.deposit.application"
        move, line, pay = "account.move", "account.move.line", "account.payment"
        calls = [
            # (label, model, method, ids, args, allowed)
            ("posted: state", deposit, "write", posted.ids, [{"state": "applied"}], False),
            (
                "posted: amount_residual",
                deposit,
                "write",
                posted.ids,
                [{"amount_residual": 0}],
                False,
            ),
            ("posted: payment_id", deposit, "write", posted.ids, [{"payment_id": False}], False),
            ("posted: name", deposit, "write", posted.ids, [{"name": "HACK"}], False),
            (
                "posted: deposit_account_id",
                deposit,
                "write",
                posted.ids,
                [{"deposit_account_id": self.other_liability.id}],
                False,
            ),
            (
                "posted: move_ids link",
                deposit,
                "write",
                posted.ids,
                [{"move_ids": [[4, self.foreign_move.id, 0]]}],
                False,
            ),
            ("posted: amount", deposit, "write", posted.ids, [{"amount": 1.0}], False),
            ("posted: date", deposit, "write", posted.ids, [{"date": "2020-01-01"}], False),
            (
                "posted: partner_id",
                deposit,
                "write",
                posted.ids,
                [{"partner_id": self.partner_b.id}],
                False,
            ),
            ("posted: ref", deposit, "write", posted.ids, [{"ref": "RPC ref"}], True),
            ("draft: is_cancelled", deposit, "write", draft.ids, [{"is_cancelled": True}], False),
            ("draft: amount", deposit, "write", draft.ids, [{"amount": 444.0}], True),
            (
                "create with state",
                deposit,
                "create",
                None,
                [{**self._rpc_vals(), "state": "applied"}],
                False,
            ),
            (
                "create with name",
                deposit,
                "create",
                None,
                [{**self._rpc_vals(), "name": "X"}],
                False,
            ),
            ("create", deposit, "create", None, [self._rpc_vals()], True),
            (
                "copy with amount_applied",
                deposit,
                "copy",
                posted.ids,
                [{"amount_applied": 5}],
                False,
            ),
            (
                "application write",
                application,
                "write",
                self.application.ids,
                [{"amount": 1}],
                False,
            ),
            ("application unlink", application, "unlink", self.application.ids, [], False),
            (
                "application create",
                application,
                "create",
                None,
                [
                    {
                        "deposit_id": posted.id,
                        "invoice_id": self.other_invoice.id,
                        "move_id": self.foreign_move.id,
                    }
                ],
                False,
            ),
            ("entry untag", move, "write", receipt.ids, [{"deposit_id": False}], False),
            (
                "entry tag",
                move,
                "write",
                self.foreign_move.ids,
                [{"deposit_id": posted.id, "deposit_move_kind": "receipt"}],
                False,
            ),
            ("item untag", line, "write", receipt.line_ids[:1].ids, [{"deposit_id": False}], False),
            (
                "payment tag",
                pay,
                "write",
                self.foreign_payment.ids,
                [{"deposit_id": posted.id}],
                False,
            ),
            ("receipt button_draft", move, "button_draft", receipt.ids, [], False),
            ("receipt button_cancel", move, "button_cancel", receipt.ids, [], False),
            ("receipt write state", move, "write", receipt.ids, [{"state": "draft"}], False),
            ("receipt unlink", move, "unlink", receipt.ids, [], False),
            ("payment action_draft", pay, "action_draft", payment.ids, [], False),
            ("payment action_cancel", pay, "action_cancel", payment.ids, [], False),
            ("payment action_reject", pay, "action_reject", payment.ids, [], False),
            ("payment write state", pay, "write", payment.ids, [{"state": "canceled"}], False),
            ("payment write amount", pay, "write", payment.ids, [{"amount": 1.0}], False),
            (
                "deposit item unreconcile",
                line,
                "remove_move_reconcile",
                deposit_lines.ids,
                [],
                False,
            ),
            (
                "deposit partial unlink",
                "account.partial.reconcile",
                "unlink",
                deposit_lines.matched_debit_ids.ids,
                [],
                False,
            ),
        ]
        contexts = [
            {},
            {"context": {"customer_deposit_internal": True, "skip_readonly_check": True}},
            {"context": {"customer_deposit_internal": True}},
        ]
        return [
            (label, role, model, method, ids, args, kwargs, allowed)
            for role in ("salesman", "billing", "accountant", "admin")
            for kwargs in contexts
            for label, model, method, ids, args, allowed in calls
        ]

    def _rpc_vals(self):
        return {
            "partner_id": self.customer.id,
            "sale_order_id": self.order.id,
            "amount": 12.0,
            "journal_id": self.bank_journal.id,
            "payment_reference": "RPC",
        }

    def _check_rpc(self, protocol):
        uids = {}
        problems = []
        tried = 0
        for label, role, model, method, ids, args, kwargs, allowed in self.rpc_cases():
            tried += 1
            login = password = self.users[role].login
            if role not in uids:
                uids[role] = self.rpc_login(protocol, login, password)
            positional = ([ids] if ids is not None else []) + list(args)
            full = f"{protocol} {label} as {role}{' with context keys' if kwargs else ''}"
            with closing(self.env.cr.savepoint()):
                before = self.snapshot()
                ok, error = self.rpc_execute(
                    protocol, uids[role], password, model, method, positional, kwargs
                )
                if ok and not allowed:
                    problems.append(f"{full}: FORBIDDEN WRITE ACCEPTED")
                elif not ok and allowed:
                    problems.append(f"{full}: allowed write refused: {error}")
                elif not ok:
                    if not error["clear"]:
                        problems.append(f"{full}: unclear error {error}")
                    changed = self.ledger_changes(before, self.snapshot())
                    if changed:
                        problems.append(f"{full}: refused but wrote {changed}")
                    if self.ledger_gap():
                        problems.append(f"{full}: {self.ledger_gap()}")
            self.env.invalidate_all(flush=False)
        _logger.info(
            "write protection over %s: %s calls, %s problems", protocol, tried, len(problems)
        )
        self.assertFalse(problems, "\n".join(problems))

    @mute_logger("odoo.http", "odoo.addons.base.controllers.rpc", "odoo.sql_db")
    def test_xmlrpc_write_protection(self):
        self._check_rpc("xmlrpc")

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_jsonrpc_write_protection(self):
        self._check_rpc("jsonrpc")
