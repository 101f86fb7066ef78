# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shared assertions can fail: a refusal that wrote, a ledger that does not tie."""

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CustomerDepositCommon


@tagged("post_install", "-at_install")
class TestCommonAssertions(CustomerDepositCommon):
    def test_refused_without_writes_sees_a_write_before_the_refusal(self):
        draft = self.create_deposit(amount=100.0, post=False)
        posted = self.create_deposit(amount=200.0)
        # Written to the database before the refusal: the receipt's payment and entry.
        with self.assertRaises(AssertionError) as failure:
            with self.assertRefusedWithoutWrites(UserError, "after posting"):
                draft.action_post()
                raise UserError("Refused after posting")  # pylint: disable=translation-required
        self.assertIn("account_payment", str(failure.exception))
        self.assertIn(": new", str(failure.exception))
        # Still in the record cache when the refusal comes.
        with self.assertRaises(AssertionError) as failure:
            with self.assertRefusedWithoutWrites(UserError):
                posted.ref = "Written before refusing"
                raise UserError("Refused after writing")  # pylint: disable=translation-required
        self.assertIn(f"customer_deposit {posted.id}: ref", str(failure.exception))
        # Both were rolled back afterwards: the test goes on from where it was.
        self.assertEqual(draft.state, "draft")
        self.assertFalse(posted.ref)

        # Why not Odoo's assertRaises: its savepoint undoes the write as the exception comes
        # out, so a comparison after it always passes (as it does with as_request, which
        # proves only that nothing escaped such a rollback).
        before = self.ledger_snapshot()
        with self.assertRaises(UserError):
            draft.action_post()
            raise UserError("Refused after posting")  # pylint: disable=translation-required
        self.assertFalse(self.ledger_changes(before, self.ledger_snapshot()))
        with self.assertRefusedWithoutWrites(UserError, as_request=True):
            draft.action_post()
            raise UserError("Refused after posting")  # pylint: disable=translation-required
        self.assertEqual(draft.state, "draft")

    def test_refused_without_writes_checks_the_refusal(self):
        deposit = self.create_deposit(amount=100.0)
        with self.assertRefusedWithoutWrites(UserError, "cannot be deleted") as caught:
            deposit.unlink()
        self.assertIn("Reverse, refund or forfeit", str(caught.exception))
        # Not refused, refused for another reason, or with another exception.
        with self.assertRaises(AssertionError):
            with self.assertRefusedWithoutWrites(UserError):
                deposit.ref = "Allowed"
        with self.assertRaises(AssertionError):
            with self.assertRefusedWithoutWrites(UserError, "another reason"):
                deposit.unlink()
        with self.assertRaises(UserError):
            with self.assertRefusedWithoutWrites(ValidationError):
                deposit.unlink()
        self.assertTrue(deposit.exists())
        self.assertFalse(deposit.ref)

    def test_ledger_tied_sees_an_entry_without_deposit(self):
        self.create_deposit(amount=100.0)
        self.assertLedgerTied()
        self.assertIsNone(self.ledger_gap())
        self.create_manual_entry(40.0, fields.Date.today())
        self.assertIn("the deposit account 140.0", self.ledger_gap())
        with self.assertRaises(AssertionError):
            self.assertLedgerTied()
        # Each company on its own: another company's deposits do not make up for it.
        other = self.setup_other_company(name="Tie Co")["company"]
        with self.assertRaises(AssertionError):
            self.assertLedgerTied(self.company | other)
        self.assertIsNone(self.ledger_gap(other))

    def test_ledger_tied_checks_the_vendor_side(self):
        self.create_deposit(amount=100.0)
        self.create_vendor_deposit(amount=300.0)
        self.assertLedgerTied()
        # A new vendor deposit account: the deposits posted on the old one stay there.
        self.company.vendor_deposit_account_id = self.env["account.account"].create(
            {
                "name": "Advances to Suppliers (new)",
                "code": "VDA999",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        self.create_vendor_deposit(amount=50.0)
        self.assertLedgerTied()
        # The vendor asset holds what the vendor deposits hold, each side on its own: the
        # customer liability does not make up for it.
        self.create_manual_entry(40.0, fields.Date.today(), self.vendor_deposit_account)
        self.assertIn("the vendor deposits hold 350.0", self.ledger_gap())
        self.assertIn("the vendor deposit account 390.0", self.ledger_gap())
        self.assertNotIn("the deposit account", self.ledger_gap())
        with self.assertRaises(AssertionError):
            self.assertLedgerTied()
        self.create_manual_entry(40.0, fields.Date.today())
        self.assertIn("the deposit account 140.0", self.ledger_gap())

    def test_refused_without_writes_sees_vendor_writes(self):
        vendor_draft = self.create_vendor_deposit(amount=100.0, post=False)
        # A vendor deposit number taken (VDEP/, a sequence without gaps) before the refusal.
        with self.assertRaises(AssertionError) as failure:
            with self.assertRefusedWithoutWrites(UserError):
                self.env["ir.sequence"].next_by_code("customer.deposit.supplier")
                raise UserError("Refused after numbering")  # pylint: disable=translation-required
        self.assertIn("ir_sequence", str(failure.exception))
        # The vendor settings of the company.
        with self.assertRaises(AssertionError) as failure:
            with self.assertRefusedWithoutWrites(UserError):
                self.company.vendor_deposit_auto_apply = "never"
                raise UserError("Refused after writing")  # pylint: disable=translation-required
        self.assertIn(
            f"res_company {self.company.id}: vendor_deposit_auto_apply", str(failure.exception)
        )
        # A vendor deposit posted before the refusal.
        with self.assertRaises(AssertionError) as failure:
            with self.assertRefusedWithoutWrites(UserError):
                vendor_draft.action_post()
                raise UserError("Refused after posting")  # pylint: disable=translation-required
        self.assertIn(f"customer_deposit {vendor_draft.id}", str(failure.exception))
        self.assertEqual(vendor_draft.state, "draft")
        self.assertEqual(self.company.vendor_deposit_auto_apply, "ask")
