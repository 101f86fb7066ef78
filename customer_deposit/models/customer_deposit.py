# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math
from collections import defaultdict

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare

from .deposit_guard import addon_writes, is_addon_write, refuse_maintained

# States of a posted deposit that still holds money, i.e. that can be used.
OPEN_STATES = ("received", "partial", "partial_refund", "partial_forfeit")
# What stays editable once a deposit is posted or cancelled: the description of the money,
# never the money itself (the order link follows its own rules, see _check_relink).
DESCRIPTIVE_FIELDS = {"ref", "notes", "payer_name", "payer_bank", "payer_branch", "sale_order_id"}
# Exchange rates outside these bounds are typing errors, not rates.
MIN_EXCHANGE_RATE = 1e-9
MAX_EXCHANGE_RATE = 1e9
# A float holds 15 significant digits: larger amounts lose their cents.
SIGNIFICANT_DIGITS = 15


class CustomerDeposit(models.Model):
    _name = "customer.deposit"
    _description = "Customer Deposit"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "customer.deposit.payment.method.mixin",
    ]
    _order = "date desc, name desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id", "payment_reference", "ref"]

    name = fields.Char(
        string="Number",
        readonly=True,
        copy=False,
        index="trigram",
        help="Given from the company's deposit sequence when the deposit is posted.",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("received", "Received"),
            ("partial", "Partially Applied"),
            ("partial_refund", "Partially Refunded"),
            ("partial_forfeit", "Partially Forfeited"),
            ("applied", "Fully Applied"),
            ("refunded", "Refunded"),
            ("forfeited", "Forfeited"),
            ("reversed", "Reversed"),
            ("cancel", "Cancelled"),
        ],
        string="Status",
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
        help="Follows the journal entries: Received while nothing is used; Partially Applied, "
        "Refunded or Forfeited while a balance is left (after what happened to the part "
        "used); Fully Applied, Refunded or Forfeited when nothing is left; Reversed when the "
        "receipt itself was undone.",
    )
    is_cancelled = fields.Boolean(readonly=True, copy=False)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Day the money was received: the receipt is posted on it, at that day's rate.",
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('parent_id', '=', False)]",
        help="The deposit belongs to the commercial entity: a contact is replaced by its company.",
    )
    sale_order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        domain="[('partner_id', 'child_of', partner_id)]",
        help="Optional: the order this deposit was taken for. Its invoices are offered the "
        "deposit first; an unlinked deposit can go to any invoice of the customer.",
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        required=True,
        check_company=True,
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Bank or cash journal the money was received in.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        required=True,
        tracking=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    amount = fields.Monetary(
        string="Amount Received",
        currency_field="currency_id",
        required=True,
        tracking=True,
        # No group sums: they would add drafts, cancelled and bounced money, and currencies.
        aggregator=None,
    )
    exchange_rate = fields.Float(
        digits=0,
        compute="_compute_exchange_rate",
        store=True,
        readonly=False,
        precompute=True,
        help="Company currency for one unit of the deposit currency, from the rate table on "
        "the deposit date. Change it to book the receipt at the rate the bank applied.",
    )
    amount_company = fields.Monetary(
        string="Amount in Company Currency",
        currency_field="company_currency_id",
        compute="_compute_amount_company",
    )
    payment_reference = fields.Char(
        required=True,
        tracking=True,
        help="Cheque number, transfer reference or receipt number of the money received.",
    )
    payer_name = fields.Char(
        compute="_compute_payer",
        store=True,
        readonly=False,
        precompute=True,
        help="Who actually paid, when it is not the customer itself.",
    )
    payer_bank = fields.Char(
        compute="_compute_payer",
        store=True,
        readonly=False,
        precompute=True,
    )
    payer_branch = fields.Char(string="Payer Bank Branch")
    ref = fields.Char(string="Reference", tracking=True)
    notes = fields.Html()

    payment_id = fields.Many2one(
        comodel_name="account.payment",
        string="Receipt",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The customer payment that booked the money on the deposit account.",
    )
    receipt_move_id = fields.Many2one(related="payment_id.move_id", string="Receipt Entry")
    deposit_account_id = fields.Many2one(
        comodel_name="account.account",
        readonly=True,
        copy=False,
        help="Liability account the deposit was booked on (the company's setting when posted).",
    )
    move_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="deposit_id",
        string="Journal Entries",
        readonly=True,
    )
    move_count = fields.Integer(compute="_compute_move_count")

    # Read from the ledger: the partials of the receipt's line on the deposit account.
    amount_applied = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Applied to invoices.",
    )
    amount_converted = fields.Monetary(
        string="Moved to Customer Credit",
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Moved to the customer's receivable as an outstanding credit.",
    )
    amount_refunded = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
    )
    amount_forfeited = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Kept as income.",
    )
    amount_reversed = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Cancelled by the reversal of the receipt (mistake or bounced cheque).",
    )
    amount_other = fields.Monetary(
        string="Other Settlements",
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Matched by hand with other entries on the deposit account.",
    )
    amount_residual = fields.Monetary(
        string="Unapplied Balance",
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Open residual of the deposit's line on the deposit account.",
    )
    amount_residual_company = fields.Monetary(
        string="Unapplied Balance (Company Currency)",
        compute="_compute_amounts",
        store=True,
        currency_field="company_currency_id",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _ensure_one_deposit(self):
        """Public methods work on one deposit: say so instead of a ``ValueError``."""
        if len(self) != 1:
            raise UserError(
                _(
                    "This action works on exactly one deposit, not %(count)s: select one deposit.",
                    count=len(self),
                )
            )

    @api.model
    def _get_maintained_fields(self):
        """Fields the addon keeps (number, receipt, account, status, amounts read from the
        ledger...): every readonly field of the model but the mail mixins' and the magic
        ones. Nobody sets them by hand, through any path."""
        mixins = set(self.env["mail.thread"]._fields) | set(self.env["mail.activity.mixin"]._fields)
        return {
            name
            for name, field in self._fields.items()
            if field.readonly and not field.automatic and name not in mixins
        }

    @api.model
    def _get_frozen_fields(self):
        """Fields of the money received: editable on a draft, frozen once posted or
        cancelled."""
        mixins = set(self.env["mail.thread"]._fields) | set(self.env["mail.activity.mixin"]._fields)
        return (
            {
                name
                for name, field in self._fields.items()
                if not field.automatic and name not in mixins
            }
            - self._get_maintained_fields()
            - DESCRIPTIVE_FIELDS
        )

    @api.model
    def _is_deposit_accountant(self):
        """Accountants (``account.group_account_user``, or Invoicing administrators)
        refund, reverse, forfeit and configure (R28)."""
        user = self.env.user
        return (
            self.env.su
            or user.has_group("account.group_account_user")
            or user.has_group("account.group_account_manager")
        )

    @api.model
    def _check_billing_rights(self, action):
        """Applying, unapplying and moving to customer credit are for billing users."""
        if self.env.su or self.env.user.has_group("account.group_account_invoice"):
            return
        raise AccessError(
            _(
                "Only billing users (Invoicing / Billing) can %(action)s a deposit. Ask a "
                "billing user to do it.",
                action=action,
            )
        )

    @api.model
    def _check_accountant_rights(self, action):
        """Refunding, reversing, forfeiting and the settings are for accountants (R28), also
        through RPC: the views hide the buttons, this refuses the call."""
        if self._is_deposit_accountant():
            return
        raise AccessError(
            _(
                "Only accountants can %(action)s a deposit. Ask an accountant to do it.",
                action=action,
            )
        )

    def _check_use_date(self, date):
        """Nothing of a deposit is dated before the money was received."""
        for deposit in self:
            if date < deposit.date:
                raise UserError(
                    _(
                        "%(date)s is before deposit %(deposit)s was received (%(received)s): "
                        "use a date on or after it.",
                        date=fields.Date.to_string(date),
                        deposit=deposit.display_name,
                        received=fields.Date.to_string(deposit.date),
                    )
                )

    @api.model
    def _check_bool_arg(self, value, name):
        if not isinstance(value, bool):
            raise UserError(
                _("%(name)s must be true or false, not %(value)s.", name=name, value=repr(value))
            )
        return value

    @api.model
    def _get_default_journal(self, company):
        """The first bank or cash journal of ``company``: where a deposit is received unless
        the user picks another."""
        Journal = self.env["account.journal"]
        return Journal.search(
            [*Journal._check_company_domain(company), ("type", "in", ("bank", "cash"))],
            limit=1,
        )

    @api.model
    def _get_available_deposits(self, partners, company):
        """Posted deposits of ``partners``' commercial entities in ``company`` that still have a
        balance (OPEN_STATES), oldest first: the money a customer already
        paid and may use. Only those the user may read; none for a user who may not read
        deposits."""
        if not partners or not company or not self.has_access("read"):
            return self.browse()
        return self.search(
            [
                ("partner_id", "in", partners.commercial_partner_id.ids),
                ("company_id", "=", company.id),
                ("state", "in", OPEN_STATES),
            ],
            order="date, id",
        )

    def _get_receipt_lines(self):
        """The receipt's journal items on the deposit account (posted receipts only)."""
        self.ensure_one()
        move = self.payment_id.move_id
        if move.state != "posted":
            return self.env["account.move.line"]
        return move.line_ids.filtered(lambda line: line.account_id == self.deposit_account_id)

    @api.model
    def _check_date_arg(self, value):
        """A date argument of the public API (a date, or "YYYY-MM-DD" through RPC); empty
        means today. Anything else is refused with a clear message."""
        if not value:
            return fields.Date.context_today(self)
        try:
            return fields.Date.to_date(value)
        except (TypeError, ValueError):
            raise UserError(_("%s is not a date: send it as YYYY-MM-DD.", repr(value))) from None

    @api.model
    def _is_finite_number(self, value):
        try:
            return (
                not isinstance(value, bool)
                and isinstance(value, (int, float))
                and math.isfinite(value)
            )
        except OverflowError:  # an int beyond what a float holds
            return False

    @api.model
    def _check_amount_type(self, amount):
        """A number: finite, and small enough for a float to keep its cents."""
        if not self._is_finite_number(amount):
            raise UserError(_("%s is not an amount: send a number.", repr(amount)))
        if abs(amount) >= 10**SIGNIFICANT_DIGITS:
            raise UserError(_("%s is too large an amount: check the number entered.", repr(amount)))

    def _check_amount_arg(self, amount):
        """An amount argument of the public API: None, or a number with no more decimals
        than the deposit's currency allows (never rounded behind the caller's back)."""
        self.ensure_one()
        if amount is None:
            return None
        self._check_amount_type(amount)
        currency = self.currency_id
        if abs(amount) >= 10 ** (SIGNIFICANT_DIGITS - currency.decimal_places):
            raise UserError(
                _(
                    "%(amount)s is too large an amount in %(currency)s: check the number entered.",
                    amount=amount,
                    currency=currency.name,
                )
            )
        if float_compare(amount, currency.round(amount), precision_digits=10):
            raise UserError(
                _(
                    "%(amount)s has more decimals than %(currency)s allows: round it.",
                    amount=amount,
                    currency=self.currency_id.name,
                )
            )
        return float(amount)

    @api.model
    def _check_lock_dates(self, date, journal, company):
        """Refuse ``date`` when a lock date of ``company`` covers it (account.move._post
        would silently move the entry instead)."""
        violated = company._get_violated_lock_dates(date, False, journal)
        if violated:
            raise UserError(
                _(
                    "%(date)s is inside a locked period (%(locks)s). Use a date after the "
                    "lock date, or ask an adviser to change the lock dates.",
                    date=fields.Date.to_string(date),
                    locks=company._format_lock_dates(violated),
                )
            )

    @api.model
    def _lock_rows(self, records, message):
        """Lock ``records``' rows for this transaction, or raise ``message`` at once.

        NOWAIT: a second user acting on the same record gets a clear message instead of
        waiting and then working on stale numbers. The transaction stays usable.
        """
        if not records:
            return
        try:
            # log_exceptions=False, not mute_logger: the latter is not thread-safe, so under a
            # threaded server the refused lock was logged as an ERROR "bad query".
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT id FROM %s WHERE id IN %s FOR UPDATE NOWAIT",
                        SQL.identifier(records._table),
                        tuple(records.ids),
                    ),
                    log_exceptions=False,
                )
        except psycopg2.errors.LockNotAvailable:
            raise UserError(message) from None
        # Numbers read before the lock may be stale.
        records.invalidate_recordset()

    def _lock_for_update(self):
        """Lock the deposits, or tell the user another one is changing them."""
        self._lock_rows(
            self,
            _(
                "Deposit %(deposits)s is being changed by another user right now. "
                "Try again in a moment.",
                deposits=", ".join(self.mapped("display_name")),
            ),
        )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("company_id", "currency_id")
    def _compute_journal_id(self):
        for deposit in self:
            if deposit.journal_id and deposit.journal_id.company_id == deposit.company_id:
                continue
            deposit.journal_id = self._get_default_journal(deposit.company_id or self.env.company)

    @api.depends("journal_id", "sale_order_id")
    def _compute_currency_id(self):
        for deposit in self:
            deposit.currency_id = (
                deposit.sale_order_id.currency_id
                or deposit.journal_id.currency_id
                or deposit.currency_id
                or (deposit.company_id or self.env.company).currency_id
            )

    @api.depends("currency_id", "company_id", "date")
    def _compute_exchange_rate(self):
        for deposit in self:
            company = deposit.company_id or self.env.company
            if not deposit.currency_id or deposit.currency_id == company.currency_id:
                deposit.exchange_rate = 1.0
            else:
                deposit.exchange_rate = self.env["res.currency"]._get_conversion_rate(
                    deposit.currency_id,
                    company.currency_id,
                    company,
                    deposit.date or fields.Date.context_today(deposit),
                )

    @api.depends("amount", "exchange_rate", "company_currency_id")
    def _compute_amount_company(self):
        for deposit in self:
            deposit.amount_company = deposit.company_currency_id.round(
                deposit.amount * deposit.exchange_rate
            )

    @api.depends("partner_id")
    def _compute_payer(self):
        for deposit in self:
            deposit.payer_name = deposit.partner_id.name
            deposit.payer_bank = deposit.partner_id.bank_ids[:1].bank_id.name or False

    def _compute_move_count(self):
        counts = dict(
            self.env["account.move"]._read_group(
                [("deposit_id", "in", self.ids)], ["deposit_id"], ["__count"]
            )
        )
        for deposit in self:
            deposit.move_count = counts.get(deposit, 0)

    @api.depends(
        "payment_id.move_id.state",
        "payment_id.move_id.line_ids.amount_residual",
        "payment_id.move_id.line_ids.amount_residual_currency",
        "payment_id.move_id.line_ids.matched_debit_ids",
        "deposit_account_id",
    )
    def _compute_amounts(self):
        """Applied, refunded, ... amounts are the receipt line's partials grouped by the kind
        of entry on their debit side; the balance is the line's open residual."""
        for deposit in self:
            lines = deposit._get_receipt_lines()
            totals = defaultdict(float)
            for partial in lines.matched_debit_ids:
                kind = partial.debit_move_id.move_id.deposit_move_kind or "other"
                totals[kind] += partial.credit_amount_currency
            deposit.amount_applied = totals["apply"]
            deposit.amount_converted = totals["credit"]
            deposit.amount_refunded = totals["refund"]
            deposit.amount_forfeited = totals["forfeit"]
            deposit.amount_reversed = totals["reverse"]
            deposit.amount_other = totals["other"] + totals["exchange"]
            deposit.amount_residual = -sum(lines.mapped("amount_residual_currency"))
            deposit.amount_residual_company = -sum(lines.mapped("amount_residual"))

    @api.depends(
        "is_cancelled",
        "payment_id.state",
        "amount_residual",
        "amount_reversed",
        "amount_applied",
        "amount_converted",
        "amount_refunded",
        "amount_other",
        "amount_forfeited",
    )
    def _compute_state(self):
        for deposit in self:
            currency = deposit.currency_id
            if deposit.is_cancelled:
                deposit.state = "cancel"
            elif not deposit.payment_id or deposit.payment_id.state == "draft":
                deposit.state = "draft"
            elif deposit.payment_id.state in ("canceled", "rejected") or not currency.is_zero(
                deposit.amount_reversed
            ):
                deposit.state = "reversed"
            elif currency.is_zero(deposit.amount_residual):
                # Closed: Refunded / Forfeited only when all of it went that way.
                used = deposit.amount_applied + deposit.amount_converted + deposit.amount_other
                if not currency.is_zero(used):
                    deposit.state = "applied"
                elif not currency.is_zero(deposit.amount_refunded):
                    deposit.state = "refunded"
                else:
                    deposit.state = "forfeited"
            elif currency.compare_amounts(deposit.amount_residual, deposit.amount) >= 0:
                deposit.state = "received"
            else:
                # Named after what happened to the part used: applied (or moved to credit)
                # first, then refunded, then forfeited.
                used = deposit.amount_applied + deposit.amount_converted + deposit.amount_other
                if not currency.is_zero(used):
                    deposit.state = "partial"
                elif not currency.is_zero(deposit.amount_refunded):
                    deposit.state = "partial_refund"
                elif not currency.is_zero(deposit.amount_forfeited):
                    deposit.state = "partial_forfeit"
                else:
                    deposit.state = "partial"

    # -------------------------------------------------------------------------
    # CONSTRAINT METHODS
    # -------------------------------------------------------------------------

    @api.constrains("amount")
    def _check_amount(self):
        for deposit in self:
            if deposit.currency_id.compare_amounts(deposit.amount, 0.0) < 0:
                raise ValidationError(
                    _("A deposit amount cannot be negative: enter the amount received.")
                )

    @api.constrains("exchange_rate")
    def _check_exchange_rate(self):
        for deposit in self:
            rate = deposit.exchange_rate
            if not (math.isfinite(rate) and MIN_EXCHANGE_RATE <= rate <= MAX_EXCHANGE_RATE):
                raise ValidationError(
                    _(
                        "%(rate)s is not an exchange rate: enter the company currency amount "
                        "for one %(currency)s (between %(min)s and %(max)s).",
                        rate=rate,
                        currency=deposit.currency_id.name,
                        min=MIN_EXCHANGE_RATE,
                        max=MAX_EXCHANGE_RATE,
                    )
                )

    @api.constrains("payment_method_line_id", "journal_id")
    def _check_payment_method_line(self):
        for deposit in self.filtered("payment_method_line_id"):
            method_line = deposit.payment_method_line_id
            if method_line not in deposit.journal_id._get_available_payment_method_lines("inbound"):
                raise ValidationError(
                    _(
                        "%(method)s is not an incoming payment method of journal %(journal)s: "
                        "choose how the money was received.",
                        method=method_line.display_name,
                        journal=deposit.journal_id.display_name,
                    )
                )

    def _check_can_post(self):
        """Everything posting needs, checked before anything is written."""
        for deposit in self:
            if deposit.state != "draft":
                raise UserError(
                    _("Deposit %s is not a draft: only drafts can be posted.", deposit.display_name)
                )
            if deposit.currency_id.compare_amounts(deposit.amount, 0.0) <= 0:
                raise UserError(
                    _("Enter the amount received: a deposit must be greater than zero.")
                )
            if not deposit.partner_id.active:
                raise UserError(
                    _(
                        "Customer %s is archived: restore it, or record the deposit for another "
                        "customer.",
                        deposit.partner_id.display_name,
                    )
                )
            if not (deposit.payment_reference or "").strip():
                raise UserError(
                    _(
                        "Enter the payment reference (cheque number, transfer reference) "
                        "before posting the deposit."
                    )
                )
            if deposit.journal_id.type not in ("bank", "cash"):
                raise UserError(
                    _(
                        "Journal %s is not a bank or cash journal: choose the journal the "
                        "money was received in.",
                        deposit.journal_id.display_name,
                    )
                )
            # The journal's methods may have changed since the draft was recorded.
            deposit._check_payment_method_line()
            if not deposit.payment_method_line_id:
                raise UserError(
                    _(
                        "Journal %s has no incoming payment method: add one on the journal "
                        "or choose another journal.",
                        deposit.journal_id.display_name,
                    )
                )
            deposit.company_id._customer_deposit_check_configured()
            self._check_lock_dates(deposit.date, deposit.journal_id, deposit.company_id)

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.model
    def _sanitize_vals(self, vals):
        """Refuse what no caller may write, check numbers, and book the deposit on the
        commercial partner."""
        refuse_maintained(
            self,
            self._get_maintained_fields().intersection(vals),
            _("They follow from posting the deposit and from its journal entries."),
        )
        if "amount" in vals:
            self._check_amount_type(vals["amount"])
        if "exchange_rate" in vals and not self._is_finite_number(vals["exchange_rate"]):
            raise UserError(
                _("%s is not an exchange rate: send a number.", repr(vals["exchange_rate"]))
            )
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        return vals

    def _check_amount_decimals(self, vals):
        """The amount as given, never rounded behind the caller's back."""
        if "amount" in vals:
            for deposit in self:
                deposit._check_amount_arg(vals["amount"])

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._sanitize_vals(dict(vals)) for vals in vals_list]
        deposits = super().create(vals_list)
        for deposit, vals in zip(deposits, vals_list):
            deposit._check_amount_decimals(vals)
        return deposits

    def write(self, vals):
        vals = self._sanitize_vals(dict(vals))
        frozen = self._get_frozen_fields().intersection(vals)
        locked = self.filtered(lambda d: d.payment_id or d.is_cancelled)
        if frozen and locked and not is_addon_write():
            raise UserError(
                _(
                    "Deposit %(deposit)s is %(state)s: %(fields)s can no longer be changed. "
                    "To correct a posted deposit, reverse it and record a new one; bring a "
                    "cancelled one back to draft first.",
                    deposit=locked[0].display_name,
                    state=locked[0]._get_state_label(),
                    fields=", ".join(
                        sorted(self._fields[f]._description_string(self.env) for f in frozen)
                    ),
                )
            )
        res = super().write(vals)
        self._check_amount_decimals(vals)
        return res

    def _get_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _write_maintained(self, vals):
        """The addon's own writes of the fields it keeps."""
        with addon_writes():
            return self.write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if self.filtered("payment_id"):
            raise UserError(
                _(
                    "Posted deposits cannot be deleted: they have journal entries. Reverse, "
                    "refund or forfeit the deposit instead."
                )
            )

    @api.depends("name", "is_cancelled")
    def _compute_display_name(self):
        for deposit in self:
            if deposit.name:
                deposit.display_name = deposit.name
            elif deposit.is_cancelled:
                deposit.display_name = _("Cancelled Deposit")
            else:
                deposit.display_name = _("Draft Deposit")

    # -------------------------------------------------------------------------
    # ENTRIES: one method per entry shape
    # -------------------------------------------------------------------------

    def _prepare_receipt_vals(self):
        """Values of the receipt ``account.payment``: Dr outstanding receipts (or bank) /
        Cr deposit liability, customer on both lines, at the deposit's exchange rate."""
        self.ensure_one()
        vals = {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "journal_id": self.journal_id.id,
            "payment_method_line_id": self.payment_method_line_id.id,
            "currency_id": self.currency_id.id,
            "amount": self.amount,
            "date": self.date,
            "payment_reference": self.payment_reference,
            "memo": _("Deposit %(number)s", number=self.name),
            "destination_account_id": self.deposit_account_id.id,
            "deposit_id": self.id,
        }
        company_currency = self.company_id.currency_id
        if self.currency_id != company_currency:
            standard = self.currency_id._convert(
                self.amount, company_currency, self.company_id, self.date
            )
            custom = company_currency.round(self.amount * self.exchange_rate)
            if company_currency.compare_amounts(standard, custom):
                vals["force_balance"] = custom
        return vals

    # -------------------------------------------------------------------------
    # BUSINESS METHODS (public API)
    # -------------------------------------------------------------------------

    def action_post(self):
        """Post the deposit: give it its number and post the receipt payment on the
        company's deposit liability account (the customer's receivable is untouched).

        Refused, with nothing written, for a non-draft deposit, an amount not above zero, a
        missing payment reference, a journal that is not bank/cash, an unconfigured company
        or a date inside a locked period.
        """
        self.check_access("write")
        self._lock_for_update()
        self._check_can_post()
        for deposit in self:
            deposit.sudo()._write_maintained(
                {
                    "deposit_account_id": deposit.company_id.deposit_account_id.id,
                    "name": self.env["ir.sequence"]
                    .with_company(deposit.company_id)
                    .next_by_code("customer.deposit", sequence_date=deposit.date),
                }
            )
        with addon_writes():
            # One create and one post for the batch: half the queries of a payment at a time.
            payments = self.env["account.payment"].create(
                [deposit._prepare_receipt_vals() for deposit in self]
            )
            payments.action_post()
        for deposit, payment in zip(self, payments):
            deposit._write_maintained({"payment_id": payment.id})
        return True

    def action_cancel(self):
        """Cancel draft deposits. Posted ones are undone by reversal, refund or forfeit."""
        if self.filtered("payment_id"):
            raise UserError(
                _(
                    "Only draft deposits can be cancelled. To undo a posted deposit, reverse "
                    "it (entered by mistake or bounced cheque) or refund it."
                )
            )
        self.check_access("write")
        self._write_maintained({"is_cancelled": True})
        return True

    def action_draft(self):
        """Bring cancelled deposits back to draft."""
        if self.filtered("payment_id"):
            raise UserError(
                _(
                    "A posted deposit cannot go back to draft: its journal entries stay. "
                    "Reverse it instead."
                )
            )
        self.check_access("write")
        self._write_maintained({"is_cancelled": False})
        return True

    def action_view_moves(self):
        self._ensure_one_deposit()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_journal_line")
        action.update(
            {
                "domain": [("deposit_id", "=", self.id)],
                "context": {"default_deposit_id": self.id, "search_default_posted": 0},
                "name": _("Entries of %s", self.display_name),
                # The web client titles the view with display_name.
                "display_name": _("Entries of %s", self.display_name),
            }
        )
        return action

    def action_view_payment(self):
        self._ensure_one_deposit()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.payment",
            "res_id": self.payment_id.id,
            "view_mode": "form",
        }
