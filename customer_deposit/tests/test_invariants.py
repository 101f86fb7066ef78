# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ledger invariants under random sequences of operations (hypothesis), on both sides at once.

Each example is a list of ten steps replayed inside its own savepoint, rolled back afterwards,
on two partners (customers and vendors), two currencies, eight posted deposits (four customer
deposits, four vendor deposits) and sixteen posted documents (eight invoices, eight bills),
made once. A step picks any deposit, of either side: it is received or paid, applied to an
invoice or a bill of its own side (or, refused, of the other side), unapplied, converted to
credit, refunded, reversed, forfeited, under either treatment of foreign-currency deposits
(the exchange difference or IFRIC 22)... After every step the deposits' figures are checked
against an independent SQL sum over the journal items on the customer deposit liability and
the vendor deposit asset: each deposit against its own side's account, each account against
its side's deposits (``ledger_gap``). Steps the addon refuses (UserError) count as steps and
must write nothing (the company's rows compared: ``ledger_snapshot``).

Seeded (``derandomize``) so that every run tries the same sequences: 65 by default, which
keeps ``./dev test`` under 20 minutes (in the wall time 80 sequences of customer deposits
alone took: with both sides, more steps post an entry instead of being refused);
``CD_LONG=1`` runs 2,000 (``CD_SEQUENCES=N`` any other number). A failing sequence is
shrunk by hypothesis and printed as a list of plain tuples, e.g.
``[("receive", "supplier", 0, 1, 120.5), ("apply", 4, 3, 0.5), ...]`` (indexes are taken
modulo the deposits / documents / applications existing at that step).
"""

import os
import time
from collections import defaultdict
from contextlib import closing
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CustomerDepositCommon

LONG = os.environ.get("CD_LONG") == "1"
SEQUENCES = int(os.environ.get("CD_SEQUENCES") or (2000 if LONG else 65))
CLOSED_STATES = ("applied", "refunded", "forfeited", "reversed")
SIDES = ("customer", "supplier")
ROLES = ("salesman", "billing", "account_user", "accountant", "admin")
# Context keys a caller may send: never a permission.
CALLER_CONTEXTS = (
    {},
    {"customer_deposit_internal": True},
    {"skip_readonly_check": True},
    {"customer_deposit_internal": True, "skip_readonly_check": True},
)

_index = st.integers(min_value=0, max_value=7)
_fraction = st.sampled_from([None, 0.25, 0.5, 1.0, 1.5])
_amount = st.integers(min_value=1, max_value=300000).map(lambda cents: cents / 100)
_STEPS = {
    "apply": st.tuples(st.just("apply"), _index, _index, _fraction),
    "unapply": st.tuples(st.just("unapply"), _index),
    "credit": st.tuples(st.just("credit"), _index, _fraction),
    "refund": st.tuples(st.just("refund"), _index, _fraction),
    "forfeit": st.tuples(st.just("forfeit"), _index, _fraction),
    "rate": st.tuples(st.just("rate"), st.sampled_from([1.5, 1.8, 2.5, 3.3])),
    # The company's treatment of foreign-currency deposits for the applications that follow.
    "treatment": st.tuples(st.just("treatment"), st.sampled_from(["ifric22", "monetary"])),
    # Applying a deposit to a document of the other side: always refused.
    "cross_apply": st.tuples(st.just("cross_apply"), _index, _index),
    "receive": st.tuples(
        st.just("receive"), st.sampled_from(SIDES), st.integers(0, 1), st.integers(0, 1), _amount
    ),
    "reverse": st.tuples(st.just("reverse"), _index, st.booleans()),
    "credit_note": st.tuples(st.just("credit_note"), st.sampled_from(SIDES), _index),
    # A forbidden write (integrity policy) by a random role, with random context keys:
    # (role, attempt, deposit or application index, context).
    "forbidden": st.tuples(
        st.just("forbidden"),
        st.integers(0, len(ROLES) - 1),
        st.integers(0, 63),
        _index,
        st.integers(0, len(CALLER_CONTEXTS) - 1),
    ),
}
# Weighted by repetition: the cheap, interesting steps (apply, unapply) come more often than
# the costly ones (receiving posts a payment, a credit note copies an invoice). The side is
# the deposit's (or drawn, to receive and to credit a document).
_KINDS = [
    "apply",
    "apply",
    "apply",
    "cross_apply",
    "unapply",
    "unapply",
    "credit",
    "refund",
    "forfeit",
    "rate",
    "rate",
    "rate",
    "treatment",
    "receive",
    "reverse",
    "credit_note",
    "forbidden",
    "forbidden",
]
STEP = st.sampled_from(_KINDS).flatmap(_STEPS.__getitem__)
SEQUENCE = st.lists(STEP, min_size=10, max_size=10)


@tagged("post_install", "-at_install")
class TestLedgerInvariants(CustomerDepositCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # No chatter tracking: it is not what this test is about and it costs most of a step.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company.deposit_forfeit_account_id  # noqa: B018  # pylint: disable=pointless-statement
        cls.company.vendor_deposit_forfeit_account_id  # noqa: B018  # pylint: disable=pointless-statement
        # Customers and vendors: the same two partners (a deposit's side is its own).
        cls.customers = [cls.partner_a, cls.partner_b]
        cls.currencies = [cls.company.currency_id, cls.other_currency]
        # {side: {partner: its posted invoices (customer) or bills (supplier)}}
        cls.documents = {
            side: dict.fromkeys(cls.customers, cls.env["account.move"]) for side in SIDES
        }
        for side, move_type in zip(SIDES, ("out_invoice", "in_invoice")):
            for customer in cls.customers:
                for currency in cls.currencies:
                    for amount in (400.0, 1234.56):
                        cls.documents[side][customer] |= cls.create_invoice(
                            amount=amount, partner=customer, currency=currency, move_type=move_type
                        )
        # Deposits received or paid once for all sequences (each sequence is rolled back):
        # one per side, partner and currency.
        # Users of every role, and orders of the salesman, so that the pool's deposits are
        # his own documents (his forbidden writes are refused by the policy, not because
        # he cannot see them).
        cls.setup_role_users(*ROLES)
        cls.orders = {
            customer: cls.create_order(5000.0, partner=customer, user_id=cls.users["salesman"].id)
            for customer in cls.customers
        }
        cls.other_liability = cls.env["account.account"].create(
            {
                "name": "Another liability (invariants)",
                "code": "INV2999",
                "account_type": "liability_current",
                "reconcile": True,
            }
        )
        cls.cash_journal = cls.company_data["default_journal_cash"]
        cls.pool = [
            cls.create_deposit(
                amount=amount,
                partner=customer,
                currency=currency,
                sale_order_id=cls.orders[customer].id,
            )
            for customer in cls.customers
            for currency, amount in zip(cls.currencies, (1500.0, 987.65))
        ] + [
            cls.create_vendor_deposit(amount=amount, partner=vendor, currency=currency)
            for vendor in cls.customers
            for currency, amount in zip(cls.currencies, (1500.0, 987.65))
        ]
        # {side: id of the account holding its deposits}
        cls.side_accounts = {
            "customer": cls.deposit_account.id,
            "supplier": cls.vendor_deposit_account.id,
        }
        cls.stats = {"sequences": 0, "steps": 0, "refused": 0, "forbidden": 0, "vendor": 0}
        cls.timings = defaultdict(float)
        cls.counts = defaultdict(int)

    @classmethod
    def tearDownClass(cls):
        cls._logger_stats()
        super().tearDownClass()

    @classmethod
    def _logger_stats(cls):
        import logging

        logging.getLogger(__name__).info(
            "ledger invariants: %(sequences)s sequences, %(steps)s steps (%(vendor)s on vendor "
            "deposits or bills), %(refused)s refused steps (of which %(forbidden)s forbidden writes by "
            "random roles, all refused), 0 violations",
            cls.stats,
        )
        logging.getLogger(__name__).info(
            "time per step kind: %s",
            {
                kind: f"{cls.counts[kind]} x {total / max(cls.counts[kind], 1):.3f}s"
                for kind, total in cls.timings.items()
            },
        )

    # -------------------------------------------------------------------------
    # Steps
    # -------------------------------------------------------------------------

    def _amount_of(self, deposit, fraction):
        if fraction is None:
            return None
        return deposit.currency_id.round(deposit.amount_residual * fraction)

    def _step_side(self, world, step):
        """The side of the deposit (or document) ``step`` works on; None for a rate change
        or a forbidden write."""
        kind, *args = step
        if kind in ("receive", "credit_note"):
            return args[0]
        if kind == "unapply":
            applications = world["applications"]
            return (
                applications and applications[args[0] % len(applications)].deposit_id.partner_type
            )
        if kind in ("rate", "treatment", "forbidden"):
            return None
        return world["deposits"][args[0] % len(world["deposits"])].partner_type

    def _run_step(self, world, step):
        kind, *args = step
        deposits, applications = world["deposits"], world["applications"]
        deposit = (
            deposits[args[0] % len(deposits)]
            if kind not in ("receive", "rate", "treatment", "credit_note")
            else None
        )
        if kind == "receive":
            side, customer, currency, amount = args
            world["deposits"].append(
                self.create_deposit(
                    amount=amount,
                    partner=self.customers[customer],
                    currency=self.currencies[currency],
                    partner_type=side,
                )
            )
        elif kind == "apply":
            invoices = self.documents[deposit.partner_type][deposit.partner_id]
            invoice = invoices[args[1] % len(invoices)]
            applications.append(
                deposit.apply_to_invoice(invoice, amount=self._amount_of(deposit, args[2]))
            )
        elif kind == "cross_apply":
            other_side = SIDES[deposit.partner_type == "customer"]
            documents = self.documents[other_side][deposit.partner_id]
            deposit.apply_to_invoice(documents[args[1] % len(documents)])
            raise AssertionError(f"{deposit.name} applied to a document of the other side")
        elif kind == "unapply":
            if not applications:
                raise UserError("nothing applied yet")  # pylint: disable=translation-required
            applications[args[0] % len(applications)].action_unapply()
        elif kind == "credit":
            deposit.convert_to_credit(amount=self._amount_of(deposit, args[1]))
        elif kind == "refund":
            deposit.refund(amount=self._amount_of(deposit, args[1]))
        elif kind == "reverse":
            deposit.reverse(reason="random", bounced=args[1])
        elif kind == "forfeit":
            deposit.forfeit(amount=self._amount_of(deposit, args[1]))
        elif kind == "rate":
            self._set_rate_today(args[0])
        elif kind == "treatment":
            self.company.deposit_fx_treatment = args[0]
        elif kind == "forbidden":
            label, call = self._forbidden_attempt(world, *args)
            try:
                if "create" in label or "copy" in label:
                    # The ORM inserts, then checks access: as a request, rolled back.
                    with self.env.cr.savepoint():
                        call()
                else:
                    call()
            except UserError:
                self.stats["forbidden"] += 1
                raise
            raise AssertionError(f"forbidden write accepted: {label}")
        elif kind == "credit_note":
            side, index = args
            invoices = self.documents[side][self.customers[index % 2]]
            invoice = invoices[index % len(invoices)]
            if invoice.state != "posted" or invoice.reversal_move_ids:
                raise UserError("invoice already credited")  # pylint: disable=translation-required
            invoice._reverse_moves(
                [{"date": fields.Date.today(), "invoice_date": fields.Date.today()}], cancel=True
            )

    def _forbidden_attempts(self, env, deposit, application):
        """[(label, call)]: what the integrity policy refuses to ``env``'s user on a
        posted ``deposit`` (and ``application``, maybe empty), whatever the context."""
        deposit = deposit.with_env(env)
        receipt = deposit.sudo().payment_id.move_id.with_env(env)
        payment = deposit.sudo().payment_id.with_env(env)
        deposit_lines = deposit.sudo()._get_payment_lines().with_env(env)
        partials = (
            deposit_lines.sudo().matched_debit_ids | deposit_lines.sudo().matched_credit_ids
        ).with_env(env)
        side = deposit.sudo().partner_type
        invoice = self.documents[side][deposit.sudo().partner_id][:1]
        # A new deposit of the same side: of the partner's order for a customer deposit.
        side_vals = (
            {"sale_order_id": self.orders[deposit.sudo().partner_id].id}
            if side == "customer"
            else {"partner_type": side}
        )
        other_partner = (
            self.customers[1]
            if deposit.sudo().partner_id == self.customers[0]
            else self.customers[0]
        )
        other_currency = self.currencies[deposit.sudo().currency_id == self.currencies[0]]
        attempts = [
            ("deposit amount_residual", lambda: deposit.write({"amount_residual": 0.0})),
            ("deposit amount_residual_company", lambda: deposit.write({"amount_residual_company": 1.0})),
            ("deposit amount_applied", lambda: deposit.write({"amount_applied": 1.0})),
            ("deposit amount_refunded", lambda: deposit.write({"amount_refunded": 1.0})),
            ("deposit state", lambda: deposit.write({"state": "applied"})),
            ("deposit payment_id", lambda: deposit.write({"payment_id": False})),
            ("deposit deposit_account_id", lambda: deposit.write({"deposit_account_id": self.other_liability.id})),
            ("deposit name", lambda: deposit.write({"name": "DEP/FORBIDDEN"})),
            ("deposit is_cancelled", lambda: deposit.write({"is_cancelled": True})),
            ("deposit partner_type", lambda: deposit.write({"partner_type": SIDES[side == "customer"]})),
            ("deposit move_ids unlink", lambda: deposit.write({"move_ids": [Command.unlink(receipt.id)]})),
            ("posted deposit amount", lambda: deposit.write({"amount": deposit.sudo().amount + 1.0})),
            ("posted deposit date", lambda: deposit.write({"date": fields.Date.today() - timedelta(days=3)})),
            ("posted deposit partner", lambda: deposit.write({"partner_id": other_partner.id})),
            ("posted deposit currency", lambda: deposit.write({"currency_id": other_currency.id})),
            ("posted deposit exchange_rate", lambda: deposit.write({"exchange_rate": 9.5})),
            ("posted deposit journal", lambda: deposit.write({"journal_id": self.cash_journal.id})),
            ("posted deposit copy with state", lambda: deposit.copy({"state": "received"})),
            ("receipt untag", lambda: receipt.write({"deposit_id": False})),
            ("receipt kind", lambda: receipt.write({"deposit_move_kind": "forfeit"})),
            ("receipt item untag", lambda: receipt.line_ids[:1].write({"deposit_id": False})),
            ("receipt button_draft", lambda: receipt.button_draft()),
            ("receipt button_cancel", lambda: receipt.button_cancel()),
            ("receipt state draft", lambda: receipt.write({"state": "draft"})),
            ("receipt unlink", lambda: receipt.unlink()),
            ("payment action_draft", lambda: payment.action_draft()),
            ("payment action_cancel", lambda: payment.action_cancel()),
            ("payment action_reject", lambda: payment.action_reject()),
            ("payment state canceled", lambda: payment.write({"state": "canceled"})),
            ("payment amount", lambda: payment.write({"amount": payment.sudo().amount + 1.0})),
            ("payment untag", lambda: payment.write({"deposit_id": False})),
            ("payment destination", lambda: payment.write({"destination_account_id": self.receivable.id})),
            ("deposit create with amount_residual", lambda: env["customer.deposit"].create({
                "partner_id": deposit.sudo().partner_id.id,
                **side_vals,
                "amount": 5.0,
                "payment_reference": "FORBIDDEN",
                "journal_id": self.bank_journal.id,
                "amount_residual": 5.0,
            })),
            ("application create", lambda: env["customer.deposit.application"].create({
                "deposit_id": deposit.id,
                "invoice_id": invoice.id,
                "move_id": receipt.id,
            })),
        ]  # fmt: skip
        if partials:
            attempts += [
                ("deposit item unreconcile", lambda: deposit_lines.remove_move_reconcile()),
                ("deposit partial unlink", lambda: partials.unlink()),
            ]
        if application:
            application = application.with_env(env)
            attempts += [
                ("application amount", lambda: application.write({"amount": 1.0})),
                ("application state", lambda: application.write({"state": "unapplied"})),
                ("application move", lambda: application.write({"move_id": receipt.id})),
                ("application unlink", lambda: application.unlink()),
            ]
        role = next(role for role, user in self.users.items() if user == env.user)
        if role == "salesman":
            attempts += [
                ("salesman apply", lambda: deposit.apply_to_invoice(invoice.id, amount=1.0)),
                ("salesman credit", lambda: deposit.convert_to_credit(amount=1.0)),
            ]
            if application:
                attempts.append(("salesman unapply", lambda: application.action_unapply()))
        if role in ("salesman", "billing"):
            attempts += [
                (f"{role} refund", lambda: deposit.refund(amount=1.0)),
                (f"{role} forfeit", lambda: deposit.forfeit(amount=1.0)),
                (f"{role} reverse", lambda: deposit.reverse(reason="forbidden")),
            ]
        return attempts

    def _forbidden_attempt(self, world, role, attempt, index, context):
        user = self.users[ROLES[role]]
        env = self.env(
            user=user,
            context=dict(
                self.env.context, allowed_company_ids=self.company.ids, **CALLER_CONTEXTS[context]
            ),
        )
        deposits, applications = world["deposits"], world["applications"]
        deposit = deposits[index % len(deposits)]
        application = None
        if applications and index % 2:
            # Half of the time, on an application (and its deposit).
            application = applications[index % len(applications)]
            deposit = application.deposit_id
        attempts = self._forbidden_attempts(env, deposit, application)
        label, call = attempts[attempt % len(attempts)]
        return f"{label} by {ROLES[role]} with {CALLER_CONTEXTS[context]}", call

    def _set_rate_today(self, rate):
        Rate = self.env["res.currency.rate"]
        today = fields.Date.today()
        existing = Rate.search(
            [
                ("currency_id", "=", self.other_currency.id),
                ("company_id", "=", self.company.id),
                ("name", "=", today),
            ]
        )
        if existing:
            existing.rate = rate
        else:
            Rate.create(
                {
                    "currency_id": self.other_currency.id,
                    "company_id": self.company.id,
                    "name": today,
                    "rate": rate,
                }
            )

    # -------------------------------------------------------------------------
    # Invariants, from SQL over the journal items
    # -------------------------------------------------------------------------

    def _ledger_by_deposit(self):
        """{(deposit id, account id): (sum of balance, sum of amount_currency)} of the posted
        items on the two deposit accounts (customer liability, vendor asset), by the deposit
        their entry belongs to."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT move.deposit_id, aml.account_id, SUM(aml.balance), SUM(aml.amount_currency)
              FROM account_move_line aml
              JOIN account_move move ON move.id = aml.move_id
             WHERE aml.account_id IN %s AND move.state = 'posted' AND aml.company_id = %s
          GROUP BY move.deposit_id, aml.account_id
            """,
            [tuple(self.side_accounts.values()), self.company.id],
        )
        return {(row[0], row[1]): (row[2], row[3]) for row in self.env.cr.fetchall()}

    def _violations(self, deposits):
        ledger = self._ledger_by_deposit()
        problems = [gap] if (gap := self.ledger_gap()) else []
        company_currency = self.company.currency_id
        deposits.invalidate_recordset()
        problems += [
            f"items on a deposit account without a deposit: {totals}"
            for (deposit_id, _account), totals in ledger.items()
            if deposit_id is None
        ]
        for deposit in deposits:
            currency = deposit.currency_id
            name = f"{deposit.name} ({deposit.partner_type}, {deposit.state})"
            # The deposit's own side's account holds it: a credit on the customer
            # liability, a debit on the vendor asset.
            sign = -1 if deposit.partner_type == "customer" else 1
            account = self.side_accounts[deposit.partner_type]
            other = self.side_accounts[SIDES[deposit.partner_type == "customer"]]
            if (deposit.id, other) in ledger:
                problems.append(f"{name}: items on the other side's deposit account")
            balance, amount_currency = ledger.get((deposit.id, account), (0.0, 0.0))
            open_amount, open_balance = sign * amount_currency, sign * balance
            if currency.compare_amounts(deposit.amount_residual, 0.0) < 0:
                problems.append(f"{name}: balance {deposit.amount_residual} below zero")
            if currency.compare_amounts(deposit.amount_residual, deposit.amount) > 0:
                problems.append(f"{name}: balance {deposit.amount_residual} above its amount")
            if currency.compare_amounts(open_amount, deposit.amount_residual):
                problems.append(
                    f"{name}: ledger says {open_amount} open, deposit {deposit.amount_residual}"
                )
            if company_currency.compare_amounts(open_balance, deposit.amount_residual_company):
                problems.append(
                    f"{name}: ledger says {open_balance} open in company currency, deposit "
                    f"{deposit.amount_residual_company}"
                )
            used = (
                deposit.amount_applied
                + deposit.amount_converted
                + deposit.amount_refunded
                + deposit.amount_forfeited
                + deposit.amount_reversed
                + deposit.amount_other
                + deposit.amount_residual
            )
            if currency.compare_amounts(used, deposit.amount):
                problems.append(f"{name}: uses add up to {used}, amount {deposit.amount}")
            if deposit.state in CLOSED_STATES and not company_currency.is_zero(open_balance):
                problems.append(f"{name}: closed but its entries sum to {open_balance}")
        return problems

    # -------------------------------------------------------------------------
    # The property
    # -------------------------------------------------------------------------

    @settings(
        max_examples=SEQUENCES,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(steps=SEQUENCE)
    def test_random_sequences_keep_the_ledger_tied(self, steps):
        """Receive or pay / apply (to its own side's documents; refused to the other's) /
        unapply / credit / refund / reverse / forfeit / rate changes / credit notes of
        invoices and bills, on customer and vendor deposits in any order: the deposits of
        each side always agree with their own account."""
        with closing(self.env.cr.savepoint()):
            world = {"deposits": list(self.pool), "applications": []}
            for number, step in enumerate(steps, start=1):
                before = self.ledger_snapshot(self.company)
                if self._step_side(world, step) == "supplier":
                    self.stats["vendor"] += 1
                started = time.perf_counter()
                try:
                    self._run_step(world, step)
                except UserError:
                    self.stats["refused"] += 1
                    changes = self.ledger_changes(before, self.ledger_snapshot(self.company))
                    self.assertFalse(
                        changes, f"step {number} {step!r} was refused but wrote {changes[:6]}"
                    )
                finally:
                    self.timings[step[0]] += time.perf_counter() - started
                    self.counts[step[0]] += 1
                started = time.perf_counter()
                deposits = self.env["customer.deposit"].concat(*world["deposits"])
                problems = self._violations(deposits)
                self.timings["check"] += time.perf_counter() - started
                self.counts["check"] += 1
                self.assertFalse(problems, f"after step {number} {step!r}: {problems}")
                self.stats["steps"] += 1
            self.stats["sequences"] += 1
        self.env.invalidate_all()
