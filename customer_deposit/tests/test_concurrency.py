# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two users acting on the same deposit (or invoice) at the same moment.

TransactionCase and HttpCase share one connection in test mode, so they cannot show what a
second transaction sees. These tests open real cursors (one connection each), commit their
data in a company of their own (it stays in the throwaway test database, apart from the
other tests' companies) and run two threads. Each thread runs its call the way the server
runs an RPC call (``odoo.service.model.retrying``: a serialization failure is retried, then
the transaction is committed).

A ``threading.Barrier`` makes the overlap deterministic: thread A does its call and then
holds its transaction (and row locks) open until thread B has tried. B must get the clear
"being changed by another user" / "being paid by another user" refusal; tried again after A
committed, it gets the over-balance refusal. A free-running variant starts both threads at
once for 20 rounds: exactly one wins, the other gets one of those two messages.

The same on the vendor side: vendor deposits applied to bills and refunded by the vendor.
After each scenario the deposit's entries are the winners' only (no application row without
its entry) and both ledgers of the company tie (``ledger_gaps``).
"""

import random
import sys
import threading
import time
import traceback
from contextlib import contextmanager
from functools import partial

import odoo
from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name

from .common import ledger_gaps

LOCK_MESSAGES = ("being changed by another user", "being paid by another user")
TIMEOUT = 60


@tagged("post_install", "-at_install")
class TestDepositConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.db_name = get_db_name()
        # odoo-bin holds Registry._lock for the whole test run (service/server.py preload),
        # so a thread calling Registry(db) would wait forever. Give this class a lock of its
        # own, as registry.enter_test_mode() does for the other test classes.
        cls.classPatch(Registry, "_lock", threading.RLock())
        with cls.env_cursor() as env:
            company = env["res.company"].create(
                {
                    "name": "Concurrency Test Company",
                    "currency_id": env.ref("base.USD").id,
                }
            )
            env.user.company_ids = [Command.link(company.id)]
            env = env(context={"allowed_company_ids": [company.id]})
            env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
            # A customer, and a vendor: a deposit's side is its own.
            partner = env["res.partner"].create(
                {"name": "Concurrent Customer", "company_id": company.id}
            )
            product = env["product.product"].create(
                {"name": "Concurrency product", "list_price": 1.0}
            )
            cls.company_id, cls.partner_id, cls.product_id = company.id, partner.id, product.id
            env.cr.commit()

    # -------------------------------------------------------------------------
    # Helpers
    # -------------------------------------------------------------------------

    @classmethod
    @contextmanager
    def env_cursor(cls):
        """A superuser environment on a real cursor of its own; committed on success,
        rolled back on failure, always closed."""
        cr = odoo.sql_db.db_connect(cls.db_name).cursor()
        context = {"allowed_company_ids": [cls.company_id]} if hasattr(cls, "company_id") else {}
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, context)
        try:
            yield env
            env.flush_all()
            # A cursor of its own, as another worker would have: committing is the point.
            cr.commit()  # pylint: disable=invalid-commit
        except BaseException:
            cr.rollback()
            raise
        finally:
            env.reset()
            cr.close()

    def make_world(self, deposits=(100.0,), invoices=(80.0, 80.0), partner_type="customer"):
        """Posted deposits and invoices of the test company, committed; returns their ids.
        ``partner_type`` "supplier": vendor deposits and vendor bills."""
        move_type = "in_invoice" if partner_type == "supplier" else "out_invoice"
        with self.env_cursor() as env:
            deposit_ids = []
            for amount in deposits:
                deposit = env["customer.deposit"].create(
                    {
                        "partner_type": partner_type,
                        "partner_id": self.partner_id,
                        "company_id": self.company_id,
                        "amount": amount,
                        "payment_reference": "CONC",
                    }
                )
                deposit.action_post()
                deposit_ids.append(deposit.id)
            invoice_ids = []
            for amount in invoices:
                invoice = env["account.move"].create(
                    {
                        "move_type": move_type,
                        "partner_id": self.partner_id,
                        "company_id": self.company_id,
                        "invoice_date": fields.Date.today(),
                        "invoice_line_ids": [
                            Command.create(
                                {
                                    "product_id": self.product_id,
                                    "price_unit": amount,
                                    "tax_ids": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
                invoice.action_post()
                invoice_ids.append(invoice.id)
        return deposit_ids, invoice_ids

    def run_call(self, call):
        """Run ``call(env)`` as an RPC call is run: own cursor, retried on serialization
        failures, committed. Returns ("ok", result) or ("refused", message)."""
        cr = odoo.sql_db.db_connect(self.db_name).cursor()
        try:
            env = odoo.api.Environment(
                cr, odoo.SUPERUSER_ID, {"allowed_company_ids": [self.company_id]}
            )
            try:
                return "ok", retrying(partial(call, env), env)
            except UserError as error:
                cr.rollback()
                return "refused", str(error)
        finally:
            cr.close()

    def run_pair(self, call_a, call_b, hold=True, delay=0.0):
        """Run both calls in two threads. With ``hold``, A does its call, then waits (its
        transaction and locks open) until B has tried; otherwise both start together, B
        ``delay`` seconds later."""
        barrier = threading.Barrier(2, timeout=TIMEOUT)
        b_done = threading.Event()
        results = {}
        errors = []

        def held(env, call):
            result = call(env)
            env.cr.flush()
            barrier.wait()  # B may go now
            b_done.wait(TIMEOUT)  # keep the transaction open until B has tried
            return result

        def thread_a():
            try:
                if hold:
                    results["a"] = self.run_call(lambda env: held(env, call_a))
                else:
                    barrier.wait()
                    results["a"] = self.run_call(call_a)
            except Exception as error:  # noqa: BLE001 - reported by the main thread
                errors.append(("a", repr(error)))
                barrier.abort()

        def thread_b():
            try:
                barrier.wait()
                time.sleep(delay)
                results["b"] = self.run_call(call_b)
            except Exception as error:  # noqa: BLE001 - reported by the main thread
                errors.append(("b", repr(error)))
            finally:
                b_done.set()

        threads = [threading.Thread(target=thread_a), threading.Thread(target=thread_b)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT * 2)
        if any(thread.is_alive() for thread in threads):
            self.fail(f"a thread is stuck: {self.diagnose()}")
        self.assertFalse(errors, "a thread failed with an unexpected error")
        return results["a"], results["b"]

    def diagnose(self):
        """What the database sessions and the threads are waiting on."""
        cr = odoo.sql_db.db_connect(self.db_name).cursor()
        try:
            cr.execute(
                "SELECT pid, state, wait_event_type, wait_event, pg_blocking_pids(pid), "
                "LEFT(query, 300) FROM pg_stat_activity WHERE datname = %s",
                [self.db_name],
            )
            sessions = cr.fetchall()
        finally:
            cr.close()
        stacks = {
            ident: "".join(traceback.format_stack(frame, limit=15))
            for ident, frame in sys._current_frames().items()
        }
        return f"sessions: {sessions}\nstacks: {stacks}"

    def ledger(self, deposit_id):
        """(open amount on the deposit's account from SQL: a credit on the customer
        liability, a debit on the vendor asset; moves of the deposit by kind; its
        applications; its residual and amount)."""
        with self.env_cursor() as env:
            deposit = env["customer.deposit"].browse(deposit_id)
            sign = -1 if deposit.partner_type == "customer" else 1
            env.cr.execute(
                """
                SELECT COALESCE(SUM(aml.balance), 0)
                  FROM account_move_line aml
                  JOIN account_move move ON move.id = aml.move_id
                 WHERE aml.account_id = %s AND move.state = 'posted' AND move.deposit_id = %s
                """,
                [deposit.deposit_account_id.id, deposit_id],
            )
            open_amount = sign * env.cr.fetchone()[0]
            env.cr.execute(
                "SELECT deposit_move_kind, COUNT(*) FROM account_move WHERE deposit_id = %s "
                "GROUP BY deposit_move_kind",
                [deposit_id],
            )
            kinds = dict(env.cr.fetchall())
            env.cr.execute(
                "SELECT COUNT(*) FROM customer_deposit_application WHERE deposit_id = %s",
                [deposit_id],
            )
            applications = env.cr.fetchone()[0]
            return open_amount, kinds, applications, deposit.amount_residual, deposit.amount

    def assert_ledger(self, deposit_id, open_amount, kinds):
        ledger_open, ledger_kinds, applications, residual, amount = self.ledger(deposit_id)
        self.assertAlmostEqual(ledger_open, open_amount, places=2)
        self.assertAlmostEqual(residual, open_amount, places=2)
        self.assertGreaterEqual(residual, 0.0)
        self.assertLessEqual(residual, amount)
        self.assertEqual(ledger_kinds, kinds, "moves of the deposit: receipt + the winners' only")
        self.assertEqual(applications, kinds.get("apply", 0), "an application per apply entry")
        self.assert_ledger_tied()

    def assert_ledger_tied(self):
        """Both ledgers of the test company tie: the customer deposit liability with the
        open customer deposits, the vendor deposit asset with the open vendor deposits."""
        with self.env_cursor() as env:
            gaps = ledger_gaps(env, env["res.company"].browse(self.company_id))
        self.assertFalse(gaps, "the ledger is not tied")

    def assert_lock_refusal(self, outcome):
        self.assertEqual(outcome[0], "refused", outcome)
        self.assertTrue(any(part in outcome[1] for part in LOCK_MESSAGES), outcome[1])

    @staticmethod
    def apply(deposit_id, invoice_id, amount):
        return lambda env: (
            env["customer.deposit"]
            .browse(deposit_id)
            .apply_to_invoice(invoice_id, amount=amount)
            .id
        )

    @staticmethod
    def refund(deposit_id, amount):
        return lambda env: env["customer.deposit"].browse(deposit_id).refund(amount=amount).id

    # -------------------------------------------------------------------------
    # Tests
    # -------------------------------------------------------------------------

    def test_same_deposit_to_two_invoices(self):
        self.check_same_deposit_to_two_documents("customer")

    def test_vendor_same_deposit_to_two_bills(self):
        self.check_same_deposit_to_two_documents("supplier")

    def test_refund_and_apply_same_deposit(self):
        self.check_refund_and_apply_same_deposit("customer")

    def test_vendor_refund_and_apply_same_deposit(self):
        self.check_refund_and_apply_same_deposit("supplier")

    def test_two_deposits_to_same_invoice(self):
        self.check_two_deposits_to_same_document("customer", "owes only")

    def test_vendor_two_deposits_to_same_bill(self):
        self.check_two_deposits_to_same_document("supplier", "left to pay")

    def check_same_deposit_to_two_documents(self, partner_type):
        """One deposit of ``partner_type`` applied to two invoices (bills) at once."""
        (deposit,), (invoice_1, invoice_2) = self.make_world((100.0,), (80.0, 80.0), partner_type)
        first, second = self.run_pair(
            self.apply(deposit, invoice_1, 80.0), self.apply(deposit, invoice_2, 80.0)
        )
        self.assertEqual(first[0], "ok", first)
        self.assert_lock_refusal(second)
        # Tried again once A committed: the balance is no longer there.
        again = self.run_call(self.apply(deposit, invoice_2, 80.0))
        self.assertEqual(again[0], "refused")
        self.assertIn("has only", again[1])
        self.assert_ledger(deposit, 20.0, {"receipt": 1, "apply": 1})

    def check_refund_and_apply_same_deposit(self, partner_type):
        """One deposit of ``partner_type`` refunded and applied at once, both ways round."""
        (deposit,), (invoice,) = self.make_world((100.0,), (80.0,), partner_type)
        first, second = self.run_pair(
            self.refund(deposit, 60.0), self.apply(deposit, invoice, 60.0)
        )
        self.assertEqual(first[0], "ok", first)
        self.assert_lock_refusal(second)
        self.assert_ledger(deposit, 40.0, {"receipt": 1, "refund": 1})

        first, second = self.run_pair(
            self.apply(deposit, invoice, 40.0), self.refund(deposit, 40.0)
        )
        self.assertEqual(first[0], "ok", first)
        self.assert_lock_refusal(second)
        self.assert_ledger(deposit, 0.0, {"receipt": 1, "refund": 1, "apply": 1})

    def check_two_deposits_to_same_document(self, partner_type, owed_message):
        """Two deposits of ``partner_type`` applied to one invoice (bill) at once; tried
        again, the second is refused with ``owed_message`` (what is left to pay)."""
        (deposit_1, deposit_2), (invoice,) = self.make_world((100.0, 100.0), (150.0,), partner_type)
        first, second = self.run_pair(
            self.apply(deposit_1, invoice, 100.0), self.apply(deposit_2, invoice, 100.0)
        )
        self.assertEqual(first[0], "ok", first)
        self.assert_lock_refusal(second)
        self.assertIn("being paid by another user", second[1])
        again = self.run_call(self.apply(deposit_2, invoice, 100.0))
        self.assertEqual(again[0], "refused")
        self.assertIn(owed_message, again[1])
        self.assert_ledger(deposit_1, 0.0, {"receipt": 1, "apply": 1})
        self.assert_ledger(deposit_2, 100.0, {"receipt": 1})

    def test_free_running_rounds(self):
        """20 rounds, both threads started at once, no hold: exactly one wins each round."""
        self.run_free_rounds(20)

    def test_vendor_free_running_rounds(self):
        """The same on a vendor deposit and bills, 10 rounds."""
        self.run_free_rounds(10, "supplier")

    def run_free_rounds(self, rounds, partner_type="customer"):
        """``rounds`` rounds of two calls on a new deposit of ``partner_type`` (apply and
        apply to two documents, or apply and refund), started together after a random
        delay: exactly one wins each round, the other is refused with a clear message."""
        outcomes = {"ok": 0, "lock": 0, "balance": 0}
        delays = random.Random(8).choices([0.0, 0.05, 0.2, 0.5], k=rounds)
        for round_number, delay in enumerate(delays):
            (deposit,), (invoice_1, invoice_2) = self.make_world(
                (100.0,), (80.0, 80.0), partner_type
            )
            if round_number % 2:
                calls = (self.apply(deposit, invoice_1, 80.0), self.refund(deposit, 80.0))
            else:
                calls = (self.apply(deposit, invoice_1, 80.0), self.apply(deposit, invoice_2, 80.0))
            results = self.run_pair(*calls, hold=False, delay=delay)
            winners = [result for result in results if result[0] == "ok"]
            self.assertEqual(len(winners), 1, f"round {round_number}: {results}")
            (loser,) = [result for result in results if result[0] != "ok"]
            if any(part in loser[1] for part in LOCK_MESSAGES):
                outcomes["lock"] += 1
            else:
                self.assertIn("left", loser[1], f"round {round_number}: unclear refusal")
                outcomes["balance"] += 1
            outcomes["ok"] += 1
            _open, kinds, _applications, residual, _amount = self.ledger(deposit)
            self.assertAlmostEqual(residual, 20.0, places=2)
            self.assertEqual(sum(kinds.values()), 2, kinds)
            self.assert_ledger(deposit, 20.0, kinds)
        self._logger_outcomes(outcomes, rounds, partner_type)

    def _logger_outcomes(self, outcomes, rounds, partner_type):
        import logging

        logging.getLogger(__name__).info(
            "free-running concurrency (%s deposits): %s rounds, %s winners, %s lock refusals, "
            "%s balance refusals",
            partner_type,
            rounds,
            outcomes["ok"],
            outcomes["lock"],
            outcomes["balance"],
        )
