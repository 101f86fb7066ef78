# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import _, api, models
from odoo.exceptions import UserError

from .deposit_guard import addon_writes


class CustomerDeposit(models.Model):
    """Ways a deposit ends other than being applied: refund, reversal, forfeit."""

    _inherit = "customer.deposit"

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_open_receipt_lines(self):
        return self._get_receipt_lines().filtered(lambda line: not line.reconciled)

    def _reconcile_with_receipt(self, move):
        """Match ``move``'s line on the deposit account with the open receipt line: the
        engine makes the partial (and any exchange-difference entry)."""
        self.ensure_one()
        new_lines = move.line_ids.filtered(lambda line: line.account_id == self.deposit_account_id)
        with addon_writes():
            (new_lines + self._get_open_receipt_lines()).reconcile()

    def _get_receipt_bank_matches(self):
        """Journal items the receipt's bank-side line is matched with (statement lines,
        batch deposits...)."""
        self.ensure_one()
        bank_lines = self.payment_id.move_id.line_ids - self._get_receipt_lines()
        return (
            bank_lines.matched_debit_ids.debit_move_id
            | bank_lines.matched_credit_ids.credit_move_id
        )

    def _post_history(self, body, move):
        self._message_log(body=Markup("%s %s") % (body, move._get_html_link(title=move.name)))

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    def _check_can_end(self, action):
        """The deposit is posted, not reversed, and has an unapplied balance."""
        self.ensure_one()
        if not self.payment_id or self.state in ("draft", "cancel", "reversed"):
            raise UserError(
                _(
                    "Deposit %(deposit)s is not a posted deposit with money on it: there is "
                    "nothing to %(action)s.",
                    deposit=self.display_name,
                    action=action,
                )
            )
        if self.currency_id.is_zero(self.amount_residual):
            raise UserError(
                _(
                    "Deposit %(deposit)s has no unapplied balance left to %(action)s. To "
                    "%(action)s money applied to an invoice, unapply it from the invoice first.",
                    deposit=self.display_name,
                    action=action,
                )
            )

    def _check_ending_amount(self, amount, action):
        """Return ``amount`` (default: the whole balance) rounded, or refuse it."""
        self.ensure_one()
        currency = self.currency_id
        residual = self.amount_residual
        amount = residual if amount is None else currency.round(amount)
        if currency.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("Enter an amount greater than zero to %s.", action))
        if currency.compare_amounts(amount, residual) > 0:
            raise UserError(
                _(
                    "You cannot %(action)s %(amount)s: only %(residual)s is left on deposit "
                    "%(deposit)s. Enter at most the unapplied balance.",
                    action=action,
                    amount=currency.format(amount),
                    residual=currency.format(residual),
                    deposit=self.display_name,
                )
            )
        return amount

    def _check_can_reverse(self, bounced, date):
        self.ensure_one()
        if not self.payment_id or self.state in ("draft", "cancel", "reversed"):
            raise UserError(
                _(
                    "Deposit %s is not posted or already reversed: there is nothing to reverse.",
                    self.display_name,
                )
            )
        if self._get_receipt_lines().matched_debit_ids:
            raise UserError(
                _(
                    "Deposit %s has already been used (applied, moved to customer credit, "
                    "refunded or forfeited). Unapply it from the invoices first; money already "
                    "refunded or forfeited cannot be reversed.",
                    self.display_name,
                )
            )
        self._check_use_date(date)
        matches = self._get_receipt_bank_matches()
        if not bounced and matches.move_id.statement_line_id:
            raise UserError(
                _(
                    "The receipt of deposit %s is already matched with a bank statement line: "
                    "the money did reach the bank. If the cheque came back unpaid, reverse it as "
                    "a bounced cheque so that the returned-cheque statement line can be matched.",
                    self.display_name,
                )
            )
        if not bounced and matches:
            raise UserError(
                _(
                    "The receipt of deposit %(deposit)s is matched with %(entries)s. Undo that "
                    "match first, or reverse the deposit as a bounced cheque.",
                    deposit=self.display_name,
                    entries=", ".join(matches.move_id.mapped("display_name")),
                )
            )
        self._check_lock_dates(date, self.payment_id.journal_id, self.company_id)

    def _check_refund_journal(self, journal, method_line):
        self.ensure_one()
        if (
            journal.type not in ("bank", "cash")
            or journal.company_id not in self.company_id.parent_ids
        ):
            raise UserError(
                _(
                    "Choose a bank or cash journal of %s to pay the refund from.",
                    self.company_id.display_name,
                )
            )
        if method_line not in journal._get_available_payment_method_lines("outbound"):
            raise UserError(
                _(
                    "Choose an outgoing payment method of journal %s (add one on the journal "
                    "if it has none).",
                    journal.display_name,
                )
            )

    def _check_forfeit_account(self, account):
        self.ensure_one()
        if not account:
            raise UserError(
                _(
                    "Set the forfeited deposit income account in Invoicing > Configuration > "
                    "Settings > Customer Deposits, or choose an income account."
                )
            )
        if (
            account.account_type not in ("income", "income_other")
            or account.deprecated
            or not (account.company_ids & self.company_id.parent_ids)
        ):
            raise UserError(
                _(
                    "Account %(account)s cannot receive a forfeited deposit: choose an active "
                    "income account of %(company)s.",
                    account=account.display_name,
                    company=self.company_id.display_name,
                )
            )

    # -------------------------------------------------------------------------
    # ENTRIES: one method per entry shape
    # -------------------------------------------------------------------------

    def _prepare_refund_vals(self, amount, journal, date, payment_method_line, memo=None):
        """Values of the refund ``account.payment``: outbound, customer, Dr deposit
        liability / Cr outstanding payments (or bank), at the refund date's rate."""
        self.ensure_one()
        return {
            "payment_type": "outbound",
            "partner_type": "customer",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "journal_id": journal.id,
            "payment_method_line_id": payment_method_line.id,
            "currency_id": self.currency_id.id,
            "amount": amount,
            "date": date,
            "memo": memo or _("Refund of deposit %(number)s", number=self.name),
            "destination_account_id": self.deposit_account_id.id,
            "deposit_id": self.id,
        }

    def _prepare_reverse_vals(self, date, reason=None):
        """Default values of the receipt's reversal (``_reverse_moves``)."""
        self.ensure_one()
        receipt = self.payment_id.move_id
        return {
            "date": date,
            "ref": _(
                "Reversal of %(entry)s: %(reason)s",
                entry=receipt.name,
                reason=reason or _("no reason given"),
            ),
            "journal_id": receipt.journal_id.id,
            "deposit_id": self.id,
            "deposit_move_kind": "reverse",
        }

    @api.returns("account.payment", lambda value: value.id)
    def refund(self, amount=None, journal=None, date=None, payment_method_line=None, memo=None):
        """Give (part of) the unapplied balance back to the customer.

        Posts an outgoing customer payment, Dr deposit liability / Cr outstanding payments,
        and matches it with the deposit's receipt line. ``amount`` in the deposit currency
        defaults to the whole balance; ``journal`` to the deposit's journal, ``date`` to
        today, ``payment_method_line`` to the journal's first outgoing method.

        Refused (nothing written) for non-accountants, a deposit that is not posted or is
        reversed, an amount above the balance, a journal or method that does not fit, or a
        date in a locked period. Returns the ``account.payment``.
        """
        self._ensure_one_deposit()
        self._check_accountant_rights(_("refund"))
        self.check_access("write")
        self._lock_for_update()
        self._check_can_end(_("refund"))
        amount = self._check_ending_amount(self._check_amount_arg(amount), _("refund"))
        journal = self._browse_arg("account.journal", journal) or self.journal_id
        method_line = (
            self._browse_arg("account.payment.method.line", payment_method_line)
            or journal._get_available_payment_method_lines("outbound")[:1]
        )
        date = self._check_date_arg(date)
        if memo and not isinstance(memo, str):
            raise UserError(_("%s is not a memo: send text.", repr(memo)))
        self._check_use_date(date)
        self._check_refund_journal(journal, method_line)
        self._check_lock_dates(date, journal, self.company_id)

        with addon_writes():
            payment = self.env["account.payment"].create(
                self._prepare_refund_vals(amount, journal, date, method_line, memo)
            )
            payment.action_post()
        self._reconcile_with_receipt(payment.move_id)
        self._post_history(
            _("Refunded %s to the customer:", self.currency_id.format(amount)), payment
        )
        return payment

    def reverse(self, reason=None, bounced=False, date=None):
        """Undo the receipt: the deposit becomes Reversed, ``reason`` goes to the chatter.

        A mistake reverses the receipt entry and matches both sides with it; the receipt
        payment is marked cancelled. A bounced cheque (``bounced=True``) posts the same
        reversal but leaves its bank-side line open, so the returned cheque's bank statement
        line can be matched with it; the receipt keeps its own bank match and the payment
        is marked rejected.

        Refused (nothing written) for non-accountants, a deposit that is not posted or
        already reversed, a deposit already applied, converted, refunded or forfeited
        (unapply first), a mistake whose receipt is already matched with a bank statement
        line (use the bounced-cheque option), or a date before the deposit or locked.
        """
        if not self:
            raise UserError(_("Select the deposits to reverse."))
        self._check_accountant_rights(_("reverse"))
        self._check_bool_arg(bounced, _("Bounced cheque"))
        if reason and not isinstance(reason, str):
            raise UserError(_("%s is not a reason: send text.", repr(reason)))
        self.check_access("write")
        self._lock_for_update()
        date = self._check_date_arg(date)
        for deposit in self:
            deposit._check_can_reverse(bounced, date)
        for deposit in self:
            deposit._reverse_receipt(reason, bounced, date)
        return True

    def _reverse_receipt(self, reason, bounced, date):
        self.ensure_one()
        receipt = self.payment_id.move_id
        default_values = [self._prepare_reverse_vals(date, reason)]
        with addon_writes():
            if bounced:
                reversal = receipt._reverse_moves(default_values, cancel=False)
                # Posting matches every open reconcilable pair; the bank side must stay open.
                reversal._post(soft=False)
                reversal.line_ids.filtered(
                    lambda line: line.account_id != self.deposit_account_id
                ).remove_move_reconcile()
            else:
                reversal = receipt._reverse_moves(default_values, cancel=True)
            # Odoo leaves the payment in process whatever happened to its entry.
            self.payment_id.write({"state": "rejected" if bounced else "canceled"})
        kind = _("Cheque returned unpaid") if bounced else _("Entered by mistake")
        self._post_history(
            Markup("%s<br/>%s: %s")
            % (_("Deposit reversed."), kind, reason or _("no reason given")),
            reversal,
        )
        return reversal

    @api.returns("account.move", lambda value: value.id)
    def forfeit(self, amount=None, account=None, date=None):
        """Keep (part of) the unapplied balance as income: posts Dr deposit liability /
        Cr the company's forfeited-deposit income account (or ``account``) in the deposit
        journal, matched with the receipt line. ``amount`` defaults to the whole balance.

        Refused (nothing written) for non-accountants, a deposit that is not posted or is
        reversed, an amount above the balance, an account that is not an income account of
        the company, or a date in a locked period. Returns the entry.
        """
        self._ensure_one_deposit()
        self._check_accountant_rights(_("forfeit"))
        self.check_access("write")
        self._lock_for_update()
        self._check_can_end(_("forfeit"))
        amount = self._check_ending_amount(self._check_amount_arg(amount), _("forfeit"))
        account = self._browse_arg("account.account", account) or (
            self.company_id.deposit_forfeit_account_id
        )
        date = self._check_date_arg(date)
        self._check_use_date(date)
        self._check_forfeit_account(account)
        self.company_id._customer_deposit_check_configured()
        self._check_lock_dates(date, self.company_id.deposit_journal_id, self.company_id)

        label = _("Forfeit of deposit %(number)s", number=self.name)
        move = self._create_transfer(
            self._prepare_transfer_move_vals("forfeit", account, amount, date, label)
        )
        self._post_history(
            _("Forfeited %s, kept as income:", self.currency_id.format(amount)), move
        )
        return move
