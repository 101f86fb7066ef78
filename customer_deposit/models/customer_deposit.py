# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deposits: money received from a customer before there is an invoice, held on a liability
account, or paid to a vendor before there is a bill, held on an asset account.

The side (``partner_type``: customer or supplier, as on ``account.payment``) decides the
accounts, the payment directions, the invoices a deposit pays and the sign of its line; what
differs is read from ``DEPOSIT_SIDES`` (deposit_sides.py, through ``_get_side``), so every
entry below is built once for both sides.

A deposit's life, all in this file: ``action_post`` posts the deposit's payment
(``_prepare_payment_vals``), or for an opening deposit (received before the company used
Odoo) its opening entry (``_prepare_opening_move_vals``): either is the deposit's receipt
entry, ``payment_move_id``; ``apply_to_invoice``, ``convert_to_credit`` and ``forfeit`` post
an entry off the deposit account (``_prepare_use_move_vals``), ``refund`` an outgoing payment
(``_prepare_refund_vals``), ``reverse`` the payment's reversal (``_prepare_reverse_vals``);
each is matched with the receipt entry's line (``_reconcile_with_payment``). The amounts and
the status are read back from that line's partials (``_compute_amounts``, ``_compute_state``).
Applications and their undoing are in customer_deposit_application.py.

Every public method makes all its checks (``_check_*``, ``_parse_*``) before it writes
anything: a refusal leaves the database as it was.
"""

import math
from collections import defaultdict

import psycopg2
from markupsafe import Markup, escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, float_compare
from odoo.tools.sql import create_index

from .deposit_guard import (
    addon_writes,
    get_payment_extra_vals,
    is_addon_write,
    refuse_maintained,
)
from .deposit_sides import DEPOSIT_SIDES

# States of a posted deposit that still holds money, i.e. that can be used.
OPEN_STATES = ("received", "partial", "partial_refund", "partial_forfeit")
# The kinds of a deposit's journal entries (account.move.deposit_move_kind): value, label, and
# the kind of the reversal that undoes an entry of that kind.
DEPOSIT_MOVE_KINDS = [
    ("receipt", "Deposit Payment", "reverse"),
    ("opening", "Opening Deposit", "reverse"),
    ("apply", "Applied to Invoice", "unapply"),
    ("unapply", "Application Undone", "unapply"),
    ("credit", "Converted to Credit", "unapply"),
    ("refund", "Deposit Refund", "unapply"),
    ("forfeit", "Deposit Forfeit", "unapply"),
    ("reverse", "Payment Reversal", "unapply"),
    ("exchange", "Exchange Difference", "exchange"),
    ("tax", "Tax on Deposit", "reverse"),
]
# What stays editable once a deposit is posted or cancelled: the description of the money,
# never the money itself. The order links stay editable too, under their own rules
# (_get_descriptive_fields, _check_relink).
DESCRIPTIVE_FIELDS = {"ref", "notes", "payer_name", "payer_bank", "payer_branch"}
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
    _deposit_payment_type_depends = ("partner_type",)

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
        "payment itself was undone.",
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
    partner_type = fields.Selection(
        selection=[("customer", "Customer"), ("supplier", "Vendor")],
        string="Deposit Side",
        default="customer",
        required=True,
        index=True,
        tracking=True,
        help="Customer: money received before an invoice, held on the customer deposit "
        "liability account. Vendor: money paid before a bill, held on the vendor deposit "
        "asset account. Set when the deposit is created.",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Day the money was received: the payment is posted on it, at that day's rate.",
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
    opening_balance = fields.Boolean(
        string="Opening Deposit",
        tracking=True,
        help="Received before the company used Odoo: posted on its historical date against the "
        "opening balance account (undistributed profits/losses) instead of through a payment, "
        "with no journal or payment method. Posted by accountants only.",
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        check_company=True,
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Bank or cash journal the money was received in (none for an opening deposit).",
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
        "the deposit date. Change it to book the payment at the rate the bank applied.",
    )
    deposit_type = fields.Selection(
        selection=[("advance", "Advance Payment"), ("security", "Security Deposit")],
        default="advance",
        required=True,
        tracking=True,
        help="Advance Payment: part of the price of a supply; with a tax, the tax it includes "
        "is declared when the money is received and released when the advance is applied to "
        "the invoice, refunded or converted to credit. Security Deposit: refundable money "
        "held as a guarantee; tax is declared only if it is forfeited.",
    )
    tax_id = fields.Many2one(
        comodel_name="account.tax",
        compute="_compute_tax_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        check_company=True,
        domain="[('type_tax_use', '=', 'purchase' if partner_type == 'supplier' else 'sale')]",
        help="Tax included in the amount received. On an advance it is declared on the day "
        "the money is received; on a security deposit, only if it is forfeited. Defaults to "
        "the company's tax on deposits when Tax on Advance Payments is on.",
    )
    amount_tax = fields.Monetary(
        string="Tax Included",
        compute="_compute_amount_tax",
        currency_field="currency_id",
        help="Tax included in the amount received: declared at receipt for an advance.",
    )
    amount_untaxed = fields.Monetary(
        string="Amount Excluding Tax",
        compute="_compute_amount_tax",
        currency_field="currency_id",
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
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The customer payment that booked the money on the deposit account.",
    )
    opening_move_id = fields.Many2one(
        comodel_name="account.move",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The opening entry that booked an opening deposit on the deposit account.",
    )
    payment_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Receipt Entry",
        compute="_compute_payment_move_id",
        store=True,
        index="btree_not_null",
        help="The entry that booked the money on the deposit account: the payment's entry, or "
        "the opening entry of an opening deposit. Set once the deposit is posted.",
    )
    deposit_account_id = fields.Many2one(
        comodel_name="account.account",
        readonly=True,
        copy=False,
        help="Liability account the deposit was booked on (the company's setting when posted).",
    )
    tax_account_id = fields.Many2one(
        comodel_name="account.account",
        string="Tax on Deposit Account",
        readonly=True,
        copy=False,
        help="Account holding the tax declared at receipt until the advance is applied, "
        "refunded or forfeited (the company's setting when posted).",
    )
    move_ids = fields.One2many(
        comodel_name="account.move",
        inverse_name="deposit_id",
        string="Journal Entries",
        readonly=True,
    )
    move_count = fields.Integer(compute="_compute_move_count")
    application_ids = fields.One2many(
        comodel_name="customer.deposit.application",
        inverse_name="deposit_id",
        string="Applications",
        readonly=True,
    )

    # Read from the ledger: the partials of the payment's line on the deposit account.
    amount_applied = fields.Monetary(
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Applied to invoices.",
    )
    amount_converted = fields.Monetary(
        string="Converted to Customer Credit",
        compute="_compute_amounts",
        store=True,
        currency_field="currency_id",
        help="Converted into an outstanding credit on the customer's receivable.",
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
        help="Cancelled by the reversal of the payment (mistake or bounced cheque).",
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

    def _get_side(self, partner_type=None):
        """What differs between the deposit's side and the other (``DEPOSIT_SIDES``): of
        ``partner_type``, or of the deposit."""
        return DEPOSIT_SIDES[partner_type or self[:1].partner_type or "customer"]

    @api.model
    def _get_maintained_fields(self):
        """Fields the addon keeps (number, payment, account, status, amounts read from the
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
            - self._get_descriptive_fields()
        )

    @api.model
    def _get_descriptive_fields(self):
        """What stays editable once a deposit is posted or cancelled: DESCRIPTIVE_FIELDS and
        the order links, which follow ``_check_relink``."""
        return DESCRIPTIVE_FIELDS | set(self._get_order_link_fields())

    @api.model
    def _get_order_link_fields(self):
        """The fields linking a deposit to the order it was taken for, each with the side of
        the deposits it takes: ``{field: partner_type}``. The purchase bridge adds
        ``purchase_order_id`` (vendor deposits). The order model names its field in
        ``_deposit_order_field`` (customer.deposit.order.mixin)."""
        return {"sale_order_id": "customer"}

    def _get_order(self):
        """The order the deposit was taken for (a sales order; a purchase order with the
        purchase bridge), or an empty sales order."""
        self.ensure_one()
        for field in self._get_order_link_fields():
            if self[field]:
                return self[field]
        return self.env["sale.order"]

    def _get_state_label(self):
        """The deposit's status as the user reads it (translated label)."""
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.model
    def _is_deposit_accountant(self):
        """Accountants (``account.group_account_user``, or Invoicing administrators)
        refund, reverse, forfeit and configure: money leaves the company or the ledger is
        undone."""
        user = self.env.user
        return (
            self.env.su
            or user.has_group("account.group_account_user")
            or user.has_group("account.group_account_manager")
        )

    @api.model
    def _is_deposit_billing_user(self):
        """Billing users (``account.group_account_invoice``, which accountants have too)
        apply, unapply and convert to customer credit: the money stays with the customer."""
        return self.env.su or self.env.user.has_group("account.group_account_invoice")

    @api.model
    def _is_sales_only_user(self):
        """A salesman without billing rights: he posts through a checked ``sudo``."""
        return not self._is_deposit_billing_user() and self.env.user.has_group(
            "sales_team.group_sale_salesman"
        )

    @api.model
    def _check_billing_rights(self, action):
        """Refuse ``action`` ("apply", "unapply", "credit" or "vendor_credit") to users
        without billing rights, whatever path they call from."""
        if self._is_deposit_billing_user():
            return
        messages = {
            "apply": _(
                "Only billing users (Invoicing / Billing) can apply a deposit to an invoice. "
                "Ask a billing user to do it."
            ),
            "unapply": _(
                "Only billing users (Invoicing / Billing) can unapply a deposit. Ask a billing "
                "user to do it."
            ),
            "credit": _(
                "Only billing users (Invoicing / Billing) can move a deposit to customer "
                "credit. Ask a billing user to do it."
            ),
            "vendor_credit": _(
                "Only billing users (Invoicing / Billing) can move a deposit to vendor "
                "credit. Ask a billing user to do it."
            ),
        }
        raise AccessError(messages[action])

    @api.model
    def _check_accountant_rights(self, action):
        """Refuse ``action`` ("refund", "reverse", "forfeit", "opening" or "configure") to
        non-accountants, also through RPC: the views hide the buttons, this refuses the
        call."""
        if self._is_deposit_accountant():
            return
        messages = {
            "refund": _("Only accountants can refund a deposit. Ask an accountant to do it."),
            "reverse": _("Only accountants can reverse a deposit. Ask an accountant to do it."),
            "forfeit": _("Only accountants can forfeit a deposit. Ask an accountant to do it."),
            "opening": _(
                "Only accountants can post opening deposits (received before the company used "
                "Odoo): they are booked against the opening balance account. Ask an "
                "accountant to post them."
            ),
            "configure": _(
                "Only accountants can change the deposit settings. Ask an accountant to do it."
            ),
        }
        raise AccessError(messages[action])

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
    def _get_available_deposits(
        self, partners, company, partner_type="customer", domain=None, limit=None, count=False
    ):
        """Posted deposits of ``partner_type`` of ``partners``' commercial entities in
        ``company`` that still have a balance (OPEN_STATES), oldest first: the money a
        customer already paid (or the company already paid a vendor) and that may be used.
        Only those the user may read; none for a user who may not read deposits.
        ``domain`` narrows them and ``limit`` pages them: a customer may hold thousands;
        ``count`` returns how many there are instead."""
        if not partners or not company or not self.has_access("read"):
            return 0 if count else self.browse()
        domain = [
            ("partner_id", "in", partners.commercial_partner_id.ids),
            ("company_id", "=", company.id),
            ("partner_type", "=", partner_type),
            ("state", "in", OPEN_STATES),
            *(domain or []),
        ]
        if count:
            return self.search_count(domain, limit=limit)
        return self.search(domain, order="date, id", limit=limit)

    @api.model
    def _parse_partner_type(self, value):
        """``value`` if it names a deposit side (``customer`` or ``supplier``), exactly."""
        if not isinstance(value, str) or value not in DEPOSIT_SIDES:
            raise UserError(_("%s is not a deposit side: send customer or supplier.", repr(value)))
        return value

    @api.model
    def _parse_partner_types(self, vals_list):
        """Check the sides a create receives: in its values and its context's default."""
        if "default_partner_type" in self.env.context:
            self._parse_partner_type(self.env.context["default_partner_type"])
        for vals in vals_list:
            if "partner_type" in vals:
                self._parse_partner_type(vals["partner_type"])

    @api.model
    def _parse_date(self, value):
        """A date argument of the public API (a date, or "YYYY-MM-DD" through RPC); empty
        means today. Anything else is refused with a clear message."""
        if not value:
            return fields.Date.context_today(self)
        try:
            return fields.Date.to_date(value)
        except (TypeError, ValueError):
            raise UserError(_("%s is not a date: send it as YYYY-MM-DD.", repr(value))) from None

    @api.model
    def _parse_record(self, model, value):
        """A record argument of the public API: one record of ``model`` or its id (RPC);
        empty gives an empty record. A missing id or anything else is refused."""
        if isinstance(value, models.BaseModel):
            if value._name != model or len(value) > 1:
                raise UserError(
                    _(
                        "%(value)s is not one %(model)s.",
                        value=repr(value),
                        model=self.env[model]._description,
                    )
                )
            return value
        if value is None or value is False:
            return self.env[model]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
            raise UserError(
                _(
                    "%(value)s is not a %(model)s id.",
                    value=repr(value),
                    model=self.env[model]._description,
                )
            )
        record = self.env[model].browse(value).exists()
        if not record:
            raise UserError(
                _("%(model)s %(id)s does not exist.", model=self.env[model]._description, id=value)
            )
        return record

    @api.model
    def _is_finite_number(self, value):
        """An int or float (not a boolean) that is neither infinite nor NaN."""
        try:
            return (
                not isinstance(value, bool)
                and isinstance(value, (int, float))
                and math.isfinite(value)
            )
        except OverflowError:  # an int beyond what a float holds
            return False

    @api.model
    def _parse_amount(self, value, currency=None):
        """An amount given by a caller (public API, create, write) as a float: a finite
        number small enough for a float to keep its cents and, with ``currency``, with no
        more decimals than it allows. Refused otherwise, never rounded behind the caller's
        back."""
        if not self._is_finite_number(value):
            raise UserError(_("%s is not an amount: send a number.", repr(value)))
        if abs(value) >= 10**SIGNIFICANT_DIGITS:
            raise UserError(_("%s is too large an amount: check the number entered.", repr(value)))
        if currency:
            if abs(value) >= 10 ** (SIGNIFICANT_DIGITS - currency.decimal_places):
                raise UserError(
                    _(
                        "%(amount)s is too large an amount in %(currency)s: check the number "
                        "entered.",
                        amount=value,
                        currency=currency.name,
                    )
                )
            if float_compare(value, currency.round(value), precision_digits=10):
                raise UserError(
                    _(
                        "%(amount)s has more decimals than %(currency)s allows: round it.",
                        amount=value,
                        currency=currency.name,
                    )
                )
        return float(value)

    def _get_deposit_lines(self, move):
        """``move``'s journal items on the deposit's account: the side of an entry that
        changes what the deposit holds."""
        self.ensure_one()
        return move.line_ids.filtered(lambda line: line.account_id == self.deposit_account_id)

    def _get_payment_lines(self):
        """The receipt entry's journal items on the deposit account (``payment_move_id``:
        the payment's entry or the opening entry; posted only)."""
        self.ensure_one()
        move = self.payment_move_id
        if move.state != "posted":
            return self.env["account.move.line"]
        return self._get_deposit_lines(move)

    def _get_payment_uses(self):
        """[(entry, amount in the deposit's currency)] of each match of the receipt line on
        the deposit account: the entries that took money off the deposit (applications,
        refunds, reversals, exchange differences...). The payment's line is a credit for a
        customer deposit (its matches are debits), a debit for a vendor deposit."""
        self.ensure_one()
        lines = self._get_payment_lines()
        if self._get_side()["sign"] < 0:
            return [
                (partial.debit_move_id.move_id, partial.credit_amount_currency)
                for partial in lines.matched_debit_ids
            ]
        return [
            (partial.credit_move_id.move_id, partial.debit_amount_currency)
            for partial in lines.matched_credit_ids
        ]

    def _get_payment_bank_matches(self):
        """Journal items the payment's bank-side line is matched with (statement lines,
        batch deposits...)."""
        self.ensure_one()
        bank_lines = self.payment_move_id.line_ids - self._get_payment_lines()
        return (
            bank_lines.matched_debit_ids.debit_move_id
            | bank_lines.matched_credit_ids.credit_move_id
        )

    def _reconcile_with_payment(self, move, to_reconcile=None):
        """Match, in one reconciliation plan, ``move``'s line on the deposit account with the
        payment's open line and, given ``to_reconcile`` (an invoice's receivable), ``move``'s
        line on that account with it. The engine makes the partials and any exchange
        difference."""
        self.ensure_one()
        deposit_lines = self._get_deposit_lines(move)
        payment_lines = self._get_payment_lines().filtered(lambda line: not line.reconciled)
        plan = [payment_lines + deposit_lines]
        if to_reconcile:
            plan.append(
                to_reconcile
                + move.line_ids.filtered(lambda line: line.account_id in to_reconcile.account_id)
            )
        with addon_writes():
            self.env["account.move.line"]._reconcile_plan(plan)

    def _post_history(self, message, **values):
        """Log a step of the deposits' history in their chatter (a note, nobody notified).

        ``message`` is a translated sentence whose %(name)s placeholders take ``values``:
        records (entries, payments, invoices) are shown as links, text is escaped.
        """
        body = Markup(escape(message)) % {
            name: (
                value._get_html_link(title=value.name)
                if isinstance(value, models.BaseModel)
                else value
            )
            for name, value in values.items()
        }
        for deposit in self:
            deposit._message_log(body=body)

    def _invoice_residual_in_deposit_currency(self, invoice, date):
        """What ``invoice`` still owes, in the deposit's currency at ``date``'s rate."""
        return invoice.currency_id._convert(
            invoice.amount_residual, self.currency_id, self.company_id, date
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

    def _lock_invoice(self, invoice):
        """Lock ``invoice``, or tell the user another one is paying it."""
        self._lock_rows(
            invoice,
            _(
                "Invoice %s is being paid by another user right now. Try again in a moment.",
                invoice.display_name,
            ),
        )

    def _get_deposit_payment_type(self):
        return self._get_side()["payment_type"]

    def _get_amount_in_words(self):
        """The amount received in words, in the language of the environment."""
        self.ensure_one()
        return self.currency_id.amount_to_text(self.amount)

    def _get_company_deposit_tax(self):
        """The company's tax on deposits of the deposit's side, when Tax on Advance Payments
        is on."""
        self.ensure_one()
        company = self.company_id or self.env.company
        if not company.deposit_tax_on_advances:
            return self.env["account.tax"]
        return company[self._get_side()["tax_field"]]

    def _get_forfeit_tax(self):
        """The tax a forfeit declares when none is given: a security deposit's own tax, else
        the company's; nothing on an advance (its tax, if any, was declared at receipt)."""
        self.ensure_one()
        if self.deposit_type != "security":
            return self.env["account.tax"]
        return self.tax_id or self._get_company_deposit_tax()

    def _is_taxed_advance(self):
        """An advance with a tax: the tax it includes is declared at receipt."""
        self.ensure_one()
        return self.deposit_type == "advance" and bool(self.tax_id)

    def _get_receipt_tax_move(self):
        """The posted entry that declared the tax of the advance at receipt, if any."""
        self.ensure_one()
        return self.move_ids.filtered(
            lambda move: move.deposit_move_kind == "tax" and move.state == "posted"
        )[:1]

    def _get_receipt_rate(self):
        """Deposit currency for one unit of company currency at which the payment was
        booked: the tax of an advance is declared and released at that rate, never
        revalued."""
        self.ensure_one()
        lines = self._get_payment_lines()
        balance = sum(lines.mapped("balance"))
        if self.company_id.currency_id.is_zero(balance):
            return 1.0
        return abs(sum(lines.mapped("amount_currency")) / balance)

    def _get_deferred_tax(self):
        """(deposit currency, company currency) of the tax declared at receipt and not yet
        released: the balance of the deposit's posted entries on its tax account, positive
        on both sides."""
        self.ensure_one()
        if not self.tax_account_id:
            return 0.0, 0.0
        lines = self.move_ids.filtered(lambda move: move.state == "posted").line_ids.filtered(
            lambda line: line.account_id == self.tax_account_id
        )
        sign = -self._get_side()["sign"]
        return (
            sign * sum(lines.mapped("amount_currency")),
            sign * sum(lines.mapped("balance")),
        )

    def _get_tax_line_vals(self, tax, amount, rate, sign, is_refund, base_account):
        """(base line values, [tax line values]) of ``amount`` (deposit currency, tax
        included) through Odoo's tax engine: the net on ``base_account`` with its base grids,
        the tax lines with their repartition lines, accounts and grids. ``rate``: deposit
        currency per company currency unit; ``sign``: -1 for the sales direction (credits),
        1 for the purchase direction; ``is_refund``: the credit-note repartition lines (to
        release a declared tax)."""
        self.ensure_one()
        AccountTax = self.env["account.tax"]
        company = self.company_id
        base_lines = [
            AccountTax._prepare_base_line_for_taxes_computation(
                None,
                tax_ids=tax,
                price_unit=amount,
                quantity=1.0,
                currency_id=self.currency_id,
                rate=rate,
                sign=sign,
                is_refund=is_refund,
                special_mode="total_included",
                account_id=base_account,
                partner_id=self.partner_id,
            )
        ]
        AccountTax._add_tax_details_in_base_lines(base_lines, company)
        AccountTax._round_base_lines_tax_details(base_lines, company)
        # The payment is the chargeable event: cash-basis taxes are declared now, on their
        # final accounts and grids.
        AccountTax._add_accounting_data_in_base_lines_tax_details(
            base_lines, company, include_caba_tags=True
        )
        results = AccountTax._prepare_tax_lines(base_lines, company)
        base_line, amounts = results["base_lines_to_update"][0]
        base_vals = {
            "account_id": base_account.id,
            "partner_id": self.partner_id.id,
            "currency_id": self.currency_id.id,
            "tax_ids": [Command.set(tax.ids)],
            "tax_tag_ids": amounts["tax_tag_ids"],
            "amount_currency": amounts["amount_currency"],
            "balance": amounts["balance"],
        }
        return base_vals, results["tax_lines_to_add"]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("company_id", "currency_id", "opening_balance")
    def _compute_journal_id(self):
        for deposit in self:
            if deposit.opening_balance:
                # Nothing of an opening deposit goes through a bank or cash journal.
                deposit.journal_id = False
                continue
            if deposit.journal_id and deposit.journal_id.company_id == deposit.company_id:
                continue
            deposit.journal_id = self._get_default_journal(deposit.company_id or self.env.company)

    @api.depends(lambda self: ("journal_id", *self._get_order_link_fields()))
    def _compute_currency_id(self):
        for deposit in self:
            deposit.currency_id = (
                deposit._get_order().currency_id
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

    @api.depends("company_id", "partner_type", "deposit_type", "opening_balance")
    def _compute_tax_id(self):
        """The company's tax on deposits of the side when Tax on Advance Payments is on:
        declared at receipt on an advance, on forfeiture on a security deposit. None on an
        opening advance: its tax was declared in the previous system."""
        for deposit in self:
            deposit.tax_id = (
                False
                if deposit.opening_balance and deposit.deposit_type == "advance"
                else deposit._get_company_deposit_tax()
            )

    @api.depends("amount", "currency_id", "tax_id", "deposit_type", "state")
    def _compute_amount_tax(self):
        """Posted: the tax lines of the tax declared at receipt (none on a security deposit or
        an advance without tax). Draft: what the tax engine will declare."""
        for deposit in self:
            if deposit.state != "draft":
                tax_lines = deposit._get_receipt_tax_move().line_ids.filtered(
                    "tax_repartition_line_id"
                )
                amount_tax = deposit._get_side()["sign"] * sum(tax_lines.mapped("amount_currency"))
            elif deposit._is_taxed_advance() and deposit.currency_id:
                tax_lines = deposit._get_tax_line_vals(
                    deposit.tax_id,
                    deposit.amount,
                    1.0 / (deposit.exchange_rate or 1.0),
                    deposit._get_side()["sign"],
                    False,
                    deposit.company_id[deposit._get_side()["tax_account_field"]],
                )[1]
                amount_tax = deposit._get_side()["sign"] * sum(
                    vals["amount_currency"] for vals in tax_lines
                )
            else:
                amount_tax = 0.0
            deposit.amount_tax = amount_tax
            deposit.amount_untaxed = deposit.amount - amount_tax

    @api.depends("partner_id")
    def _compute_payer(self):
        for deposit in self:
            deposit.payer_name = deposit.partner_id.name
            deposit.payer_bank = deposit.partner_id.bank_ids[:1].bank_id.name or False

    def _compute_move_count(self):
        """Entries of the deposit, whatever their kind (payment, applications, undoing...)."""
        counts = dict(
            self.env["account.move"]._read_group(
                [("deposit_id", "in", self.ids)], ["deposit_id"], ["__count"]
            )
        )
        for deposit in self:
            deposit.move_count = counts.get(deposit, 0)

    @api.depends("payment_id.move_id", "opening_move_id")
    def _compute_payment_move_id(self):
        for deposit in self:
            deposit.payment_move_id = deposit.payment_id.move_id or deposit.opening_move_id

    @api.depends(
        "partner_type",
        "payment_move_id.state",
        "payment_move_id.line_ids.amount_residual",
        "payment_move_id.line_ids.amount_residual_currency",
        "payment_move_id.line_ids.matched_debit_ids",
        "payment_move_id.line_ids.matched_credit_ids",
        "deposit_account_id",
    )
    def _compute_amounts(self):
        """Applied, refunded, ... amounts are the receipt line's partials grouped by the kind
        of entry on their other side; the balance is the line's open residual, positive on
        both sides (a customer deposit's line is a credit, a vendor deposit's a debit)."""
        for deposit in self:
            lines = deposit._get_payment_lines()
            sign = deposit._get_side()["sign"]
            totals = defaultdict(float)
            for move, amount in deposit._get_payment_uses():
                totals[move.deposit_move_kind or "other"] += amount
            deposit.amount_applied = totals["apply"]
            deposit.amount_converted = totals["credit"]
            deposit.amount_refunded = totals["refund"]
            deposit.amount_forfeited = totals["forfeit"]
            deposit.amount_reversed = totals["reverse"]
            deposit.amount_other = totals["other"] + totals["exchange"]
            deposit.amount_residual = sign * sum(lines.mapped("amount_residual_currency"))
            deposit.amount_residual_company = sign * sum(lines.mapped("amount_residual"))

    @api.depends(
        "is_cancelled",
        "payment_move_id.state",
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
            elif not deposit.payment_move_id or deposit.payment_move_id.state == "draft":
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
                # Named after what happened to the part used: applied (or converted to credit)
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

    @api.constrains("tax_id", "partner_type", "opening_balance", "deposit_type")
    def _check_tax_id(self):
        """A customer deposit includes a sales tax, a vendor deposit a purchase tax; an
        opening advance none (its tax was declared before the company used Odoo)."""
        for deposit in self.filtered("tax_id"):
            if deposit.opening_balance and deposit.deposit_type == "advance":
                raise ValidationError(
                    _(
                        "Opening deposit %(deposit)s is an advance received before the company "
                        "used Odoo: its tax was declared then and belongs to your opening "
                        "balances. Remove the tax, or make it a security deposit if tax is "
                        "due only when it is forfeited.",
                        deposit=deposit.display_name,
                    )
                )
            deposit._check_side_tax(deposit.tax_id, ValidationError)

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

    @api.constrains("payment_method_line_id", "journal_id", "partner_type")
    def _check_payment_method_line(self):
        for deposit in self.filtered("payment_method_line_id"):
            method_line = deposit.payment_method_line_id
            payment_type = deposit._get_side()["payment_type"]
            if method_line in deposit.journal_id._get_available_payment_method_lines(payment_type):
                continue
            values = {
                "method": method_line.display_name,
                "journal": deposit.journal_id.display_name,
            }
            if deposit.partner_type == "supplier":
                message = _(
                    "%(method)s is not an outgoing payment method of journal %(journal)s: "
                    "choose how the money was paid.",
                    **values,
                )
            else:
                message = _(
                    "%(method)s is not an incoming payment method of journal %(journal)s: "
                    "choose how the money was received.",
                    **values,
                )
            raise ValidationError(message)

    @api.constrains("opening_balance", "journal_id", "payment_method_line_id")
    def _check_opening_balance(self):
        """An opening deposit has no payment: a journal or payment method given for one is
        refused rather than ignored."""
        for deposit in self.filtered("opening_balance"):
            if deposit.journal_id or deposit.payment_method_line_id:
                raise ValidationError(
                    _(
                        "Deposit %s is an opening deposit: it is posted against the opening "
                        "balance account, not through a bank or cash journal. Leave the journal "
                        "and the payment method empty, or untick Opening Deposit.",
                        deposit.display_name,
                    )
                )

    @api.constrains(lambda self: (*self._get_order_link_fields(), "partner_id", "partner_type"))
    def _check_order_link(self):
        """A deposit is linked only to an order of its own side (customer deposits to sales
        orders, vendor deposits to purchase orders) and of its own partner."""
        links = self._get_order_link_fields()
        for deposit in self:
            for field, partner_type in links.items():
                order = deposit[field]
                if not order:
                    continue
                if deposit.partner_type != partner_type:
                    raise ValidationError(order._get_deposit_side_error())
                deposit._check_order_partner(order)

    def _check_order_partner(self, order):
        """A deposit is linked only to an order of its own customer (vendor)."""
        self.ensure_one()
        order_partner = order.partner_id.commercial_partner_id
        if order_partner != self.partner_id.commercial_partner_id:
            values = {
                "order": order.name,
                "order_partner": order_partner.display_name,
                "partner": self.partner_id.display_name,
            }
            raise ValidationError(
                _(
                    "Order %(order)s is from %(order_partner)s, not from %(partner)s: a vendor "
                    "deposit can only be linked to an order of its own vendor.",
                    **values,
                )
                if self.partner_type == "supplier"
                else _(
                    "Order %(order)s is for %(order_partner)s, not for %(partner)s: a "
                    "deposit can only be linked to an order of its own customer.",
                    **values,
                )
            )

    def _check_relink(self, order, check_partner=True):
        """Refuse moving deposits to ``order`` (a sales or purchase order, maybe empty: the
        link of its kind, ``_deposit_order_field``) when anything of them was applied or
        converted to credit, when the order is cancelled or of another partner
        (``check_partner``), or when a salesman would lose the link to a sales order or pick
        one he cannot see."""
        field = order._deposit_order_field
        for deposit in self.filtered(lambda d: d[field] != order):
            if check_partner and order:
                deposit._check_order_partner(order)
            currency = deposit.currency_id
            if deposit.payment_move_id and not (
                currency.is_zero(deposit.amount_applied)
                and currency.is_zero(deposit.amount_converted)
            ):
                raise UserError(
                    _(
                        "Deposit %(deposit)s has already been applied to bills or converted to "
                        "vendor credit: it cannot be moved to another order. Unapply it first.",
                        deposit=deposit.display_name,
                    )
                    if deposit.partner_type == "supplier"
                    else _(
                        "Deposit %(deposit)s has already been applied to invoices or converted to "
                        "customer credit: it cannot be moved to another order. Unapply it "
                        "first.",
                        deposit=deposit.display_name,
                    )
                )
            if order.state == "cancel":
                raise UserError(
                    _(
                        "Order %s is cancelled: link the deposit to an open order instead.",
                        order.name,
                    )
                )
        if field == "sale_order_id" and self._is_sales_only_user():
            if not order:
                raise UserError(
                    _(
                        "A deposit registered by sales must stay linked to an order: link it "
                        "to another of your orders, or ask a billing user to unlink it."
                    )
                )
            order.check_access("read")

    def _check_sales_user_can_post(self):
        """Refuse unless every deposit is linked to an order the salesman can read and the
        deposit itself is one he may change (same company, his order)."""
        for deposit in self:
            deposit._check_sales_user_side(deposit.partner_type)
            if not deposit.sale_order_id:
                raise UserError(
                    _(
                        "Deposit %s is not linked to a sales order: link it to one of your "
                        "orders, or ask a billing user to post it.",
                        deposit.display_name,
                    )
                )
            deposit.sale_order_id.check_access("read")
            deposit.check_access("write")

    @api.model
    def _check_sales_user_side(self, partner_type):
        """Salesmen without billing rights register customer deposits on their orders, never
        vendor deposits (money the company pays)."""
        if partner_type != "customer":
            raise AccessError(
                _(
                    "Only billing users (Invoicing / Billing) can record or post a vendor "
                    "deposit. Ask a billing user to do it."
                )
            )

    def _check_can_post(self):
        """Everything posting needs, checked before anything is written."""
        for deposit in self:
            vendor = deposit.partner_type == "supplier"
            if deposit.state != "draft":
                raise UserError(
                    _("Deposit %s is not a draft: only drafts can be posted.", deposit.display_name)
                )
            if deposit.currency_id.compare_amounts(deposit.amount, 0.0) <= 0:
                raise UserError(
                    _("Enter the amount paid: a deposit must be greater than zero.")
                    if vendor
                    else _("Enter the amount received: a deposit must be greater than zero.")
                )
            if not deposit.partner_id.active:
                partner = deposit.partner_id.display_name
                raise UserError(
                    _(
                        "Vendor %s is archived: restore it, or record the deposit for another "
                        "vendor.",
                        partner,
                    )
                    if vendor
                    else _(
                        "Customer %s is archived: restore it, or record the deposit for another "
                        "customer.",
                        partner,
                    )
                )
            if not (deposit.payment_reference or "").strip():
                raise UserError(
                    _(
                        "Enter the payment reference (cheque number, transfer reference) "
                        "before posting the deposit."
                    )
                )
            if deposit.opening_balance:
                # No payment: no journal or payment method (_check_opening_balance).
                deposit.company_id._customer_deposit_check_configured(deposit.partner_type)
                self._check_lock_dates(
                    deposit.date, deposit.company_id.deposit_journal_id, deposit.company_id
                )
                continue
            if not deposit.journal_id:
                raise UserError(
                    _(
                        "Choose the bank or cash journal the money was paid from, or tick "
                        "Opening Deposit for a deposit paid before the company used Odoo."
                    )
                    if vendor
                    else _(
                        "Choose the bank or cash journal the money was received in, or tick "
                        "Opening Deposit for a deposit received before the company used Odoo."
                    )
                )
            journal = deposit.journal_id.display_name
            if deposit.journal_id.type not in ("bank", "cash"):
                raise UserError(
                    _(
                        "Journal %s is not a bank or cash journal: choose the journal the "
                        "money was paid from.",
                        journal,
                    )
                    if vendor
                    else _(
                        "Journal %s is not a bank or cash journal: choose the journal the "
                        "money was received in.",
                        journal,
                    )
                )
            # The journal's methods may have changed since the draft was recorded.
            deposit._check_payment_method_line()
            if not deposit.payment_method_line_id:
                raise UserError(
                    _(
                        "Journal %s has no outgoing payment method: add one on the journal "
                        "or choose another journal.",
                        journal,
                    )
                    if vendor
                    else _(
                        "Journal %s has no incoming payment method: add one on the journal "
                        "or choose another journal.",
                        journal,
                    )
                )
            deposit.company_id._customer_deposit_check_configured(deposit.partner_type)
            self._check_lock_dates(deposit.date, deposit.journal_id, deposit.company_id)
            if deposit._is_taxed_advance():
                deposit._check_tax_account()
                self._check_lock_dates(
                    deposit.date,
                    deposit.company_id.deposit_journal_id,
                    deposit.company_id,
                    has_tax=True,
                )

    def _check_tax_account(self):
        """A taxed advance needs the company's tax on deposits account of its side."""
        self.ensure_one()
        if not self.company_id[self._get_side()["tax_account_field"]]:
            raise UserError(
                _(
                    "Set the Tax on Customer Deposits account of %(company)s in Invoicing > "
                    "Configuration > Deposits, or remove the tax from deposit %(deposit)s.",
                    company=self.company_id.display_name,
                    deposit=self.display_name,
                )
                if self.partner_type == "customer"
                else _(
                    "Set the Tax on Vendor Deposits account of %(company)s in Invoicing > "
                    "Configuration > Deposits, or remove the tax from deposit %(deposit)s.",
                    company=self.company_id.display_name,
                    deposit=self.display_name,
                )
            )

    def _check_forfeit_tax(self, tax):
        """``tax`` (declared on a forfeit) is a tax of the deposit's side and company, and
        only for money whose tax was not declared at receipt."""
        self.ensure_one()
        if not tax:
            return
        if self._is_taxed_advance() and tax != self.tax_id:
            raise UserError(
                _(
                    "The tax of advance %(deposit)s (%(tax)s) was declared when it was "
                    "received and is kept when it is forfeited: forfeit it without another "
                    "tax.",
                    deposit=self.display_name,
                    tax=self.tax_id.display_name,
                )
            )
        self._check_side_tax(tax)

    def _check_side_tax(self, tax, exception=UserError):
        """``tax`` is a tax of the deposit's company for its side: a sales tax on a customer
        deposit, a purchase tax on a vendor deposit (on the deposit, or given to forfeit)."""
        self.ensure_one()
        if tax.type_tax_use == self._get_side()["tax_type_use"] and tax.company_id in (
            self.company_id.parent_ids
        ):
            return
        values = {
            "tax": tax.display_name,
            "company": self.company_id.display_name,
            "deposit": self.display_name,
        }
        raise exception(
            _(
                "%(tax)s is not a sales tax of %(company)s: choose a sales tax for customer "
                "deposit %(deposit)s, or none.",
                **values,
            )
            if self.partner_type == "customer"
            else _(
                "%(tax)s is not a purchase tax of %(company)s: choose a purchase tax for "
                "vendor deposit %(deposit)s, or none.",
                **values,
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
    def _check_lock_dates(self, date, journal, company, has_tax=False):
        """Refuse ``date`` when a lock date of ``company`` covers it (account.move._post
        would silently move the entry instead); with ``has_tax``, the tax lock date too."""
        violated = company._get_violated_lock_dates(date, has_tax, journal)
        if violated:
            raise UserError(
                _(
                    "%(date)s is inside a locked period (%(locks)s). Use a date after the "
                    "lock date, or ask an adviser to change the lock dates.",
                    date=fields.Date.to_string(date),
                    locks=company._format_lock_dates(violated),
                )
            )

    def _check_invoice_can_receive(self, invoice):
        """``invoice`` is a posted invoice of the deposit's side (a customer invoice for a
        customer deposit, a vendor bill for a vendor deposit) of its partner and company,
        with something left to pay."""
        self.ensure_one()
        vendor = self.partner_type == "supplier"
        values = {
            "invoice": invoice.display_name,
            "partner": invoice.commercial_partner_id.display_name,
            "deposit": self.display_name,
            "deposit_partner": self.partner_id.display_name,
        }
        if invoice.move_type != self._get_side()["invoice_type"]:
            raise UserError(
                _(
                    "%(invoice)s is not a vendor bill: vendor deposits apply to vendor bills only.",
                    **values,
                )
                if vendor
                else _(
                    "%s is not a customer invoice: deposits apply to customer invoices only.",
                    invoice.display_name,
                )
            )
        if invoice.state != "posted":
            raise UserError(
                _("Bill %(invoice)s is not posted: post it before applying a deposit.", **values)
                if vendor
                else _(
                    "Invoice %s is not posted: post it before applying a deposit.",
                    invoice.display_name,
                )
            )
        if invoice.company_id != self.company_id:
            raise UserError(
                _("Bill %(invoice)s belongs to another company than deposit %(deposit)s.", **values)
                if vendor
                else _(
                    "Invoice %(invoice)s belongs to another company than deposit %(deposit)s.",
                    **values,
                )
            )
        if invoice.commercial_partner_id != self.partner_id:
            raise UserError(
                _(
                    "Bill %(invoice)s is from %(partner)s, deposit %(deposit)s was paid to "
                    "%(deposit_partner)s: a vendor deposit only pays its own vendor's bills.",
                    **values,
                )
                if vendor
                else _(
                    "Invoice %(invoice)s is for %(partner)s, deposit %(deposit)s for "
                    "%(deposit_partner)s: a deposit only pays its own customer's invoices.",
                    **values,
                )
            )
        if invoice.currency_id.is_zero(invoice.amount_residual):
            raise UserError(
                _("Bill %(invoice)s has nothing left to pay.", **values)
                if vendor
                else _("Invoice %s has nothing left to pay.", invoice.display_name)
            )

    def _check_usable(self, action):
        """Refuse ``action`` ("apply", "credit", "refund" or "forfeit") unless the deposit
        is posted, not reversed, and still holds money (``OPEN_STATES``)."""
        self.ensure_one()
        if self.state in OPEN_STATES:
            return
        deposit = self.display_name
        if action in ("apply", "credit"):
            message = _(
                "Deposit %(deposit)s is %(state)s: only a posted deposit with an unapplied "
                "balance can be used.",
                deposit=deposit,
                state=self._get_state_label(),
            )
        elif not self.payment_move_id or self.state in ("draft", "cancel", "reversed"):
            message = {
                "refund": _(
                    "Deposit %s is not a posted deposit with money on it: there is nothing to "
                    "refund.",
                    deposit,
                ),
                "forfeit": _(
                    "Deposit %s is not a posted deposit with money on it: there is nothing to "
                    "forfeit.",
                    deposit,
                ),
            }[action]
        else:
            message = {
                "refund": _(
                    "Deposit %s has no unapplied balance left to refund. To refund money "
                    "applied to an invoice, unapply it from the invoice first.",
                    deposit,
                ),
                "forfeit": _(
                    "Deposit %s has no unapplied balance left to forfeit. To forfeit money "
                    "applied to an invoice, unapply it from the invoice first.",
                    deposit,
                ),
            }[action]
        raise UserError(message)

    def _check_amount_available(self, amount, action):
        """Refuse using ``amount`` (deposit currency) for ``action`` ("apply", "credit",
        "refund" or "forfeit") unless it is above zero and at most the unapplied balance."""
        self.ensure_one()
        currency = self.currency_id
        residual = self.amount_residual
        if currency.compare_amounts(amount, 0.0) <= 0:
            if action in ("apply", "credit"):
                raise UserError(_("The amount to use must be greater than zero."))
            message = {
                "refund": _("Enter an amount greater than zero to refund."),
                "forfeit": _("Enter an amount greater than zero to forfeit."),
            }[action]
            raise UserError(message)
        if currency.compare_amounts(amount, residual) > 0:
            if action in ("apply", "credit"):
                raise UserError(
                    _(
                        "Deposit %(deposit)s has only %(balance)s left: enter at most that amount.",
                        deposit=self.display_name,
                        balance=currency.format(residual),
                    )
                )
            values = {
                "amount": currency.format(amount),
                "residual": currency.format(residual),
                "deposit": self.display_name,
            }
            message = {
                "refund": _(
                    "You cannot refund %(amount)s: only %(residual)s is left on deposit "
                    "%(deposit)s. Enter at most the unapplied balance.",
                    **values,
                ),
                "forfeit": _(
                    "You cannot forfeit %(amount)s: only %(residual)s is left on deposit "
                    "%(deposit)s. Enter at most the unapplied balance.",
                    **values,
                ),
            }[action]
            raise UserError(message)

    def _check_can_reverse(self, bounced, date):
        """The payment can be undone: posted, not reversed, nothing of it used yet, and for
        a mistake (not ``bounced``) not matched with the bank."""
        self.ensure_one()
        if not self.payment_move_id or self.state in ("draft", "cancel", "reversed"):
            raise UserError(
                _(
                    "Deposit %s is not posted or already reversed: there is nothing to reverse.",
                    self.display_name,
                )
            )
        vendor = self.partner_type == "supplier"
        if self._get_payment_uses():
            raise UserError(
                _(
                    "Deposit %s has already been used (applied, converted to vendor credit, "
                    "refunded or forfeited). Unapply it from the bills first; money already "
                    "refunded or forfeited cannot be reversed.",
                    self.display_name,
                )
                if vendor
                else _(
                    "Deposit %s has already been used (applied, converted to customer credit, "
                    "refunded or forfeited). Unapply it from the invoices first; money already "
                    "refunded or forfeited cannot be reversed.",
                    self.display_name,
                )
            )
        self._check_use_date(date)
        if bounced and self.opening_balance:
            raise UserError(
                _(
                    "Deposit %s is an opening deposit: its money was received before the "
                    "company used Odoo, no cheque of it can bounce here. Reverse it as entered "
                    "by mistake.",
                    self.display_name,
                )
            )
        matches = self._get_payment_bank_matches()
        if not bounced and matches.move_id.statement_line_id:
            raise UserError(
                _(
                    "The payment of deposit %s is already matched with a bank statement line: "
                    "the money did leave the bank. If the cheque or transfer came back unpaid, "
                    "reverse it as bounced so that the returned payment's statement line can be "
                    "matched.",
                    self.display_name,
                )
                if vendor
                else _(
                    "The payment of deposit %s is already matched with a bank statement line: "
                    "the money did reach the bank. If the cheque came back unpaid, reverse it as "
                    "a bounced cheque so that the returned-cheque statement line can be matched.",
                    self.display_name,
                )
            )
        if not bounced and matches:
            raise UserError(
                _(
                    "The payment of deposit %(deposit)s is matched with %(entries)s. Undo that "
                    "match first, or reverse the deposit as a bounced cheque.",
                    deposit=self.display_name,
                    entries=", ".join(matches.move_id.mapped("display_name")),
                )
            )
        self._check_lock_dates(date, self.payment_move_id.journal_id, self.company_id)
        if self._get_receipt_tax_move():
            self._check_lock_dates(
                date, self.company_id.deposit_journal_id, self.company_id, has_tax=True
            )

    def _check_refund_journal(self, journal, method_line):
        """The refund goes through a bank or cash journal of the company, with one of its
        payment methods of the refund's direction (outgoing to a customer, incoming from a
        vendor)."""
        self.ensure_one()
        vendor = self.partner_type == "supplier"
        if (
            journal.type not in ("bank", "cash")
            or journal.company_id not in self.company_id.parent_ids
        ):
            company = self.company_id.display_name
            raise UserError(
                _("Choose a bank or cash journal of %s to receive the refund in.", company)
                if vendor
                else _("Choose a bank or cash journal of %s to pay the refund from.", company)
            )
        refund_type = self._get_side()["refund_payment_type"]
        if method_line not in journal._get_available_payment_method_lines(refund_type):
            raise UserError(
                _(
                    "Choose an incoming payment method of journal %s (add one on the journal "
                    "if it has none).",
                    journal.display_name,
                )
                if vendor
                else _(
                    "Choose an outgoing payment method of journal %s (add one on the journal "
                    "if it has none).",
                    journal.display_name,
                )
            )

    def _check_forfeit_account(self, account):
        """A forfeited deposit is booked on an active account of the company: income for a
        customer deposit (the customer leaves it), expense for a vendor deposit (the vendor
        keeps it)."""
        self.ensure_one()
        vendor = self.partner_type == "supplier"
        if not account:
            raise UserError(
                _(
                    "Set the forfeited vendor deposit expense account in Invoicing > "
                    "Configuration > Deposits, or choose an expense account."
                )
                if vendor
                else _(
                    "Set the forfeited deposit income account in Invoicing > Configuration > "
                    "Deposits, or choose an income account."
                )
            )
        if (
            account.account_type not in self._get_side()["forfeit_account_types"]
            or account.deprecated
            or not (account.company_ids & self.company_id.parent_ids)
        ):
            values = {"account": account.display_name, "company": self.company_id.display_name}
            raise UserError(
                _(
                    "Account %(account)s cannot book a forfeited vendor deposit: choose an "
                    "active expense account of %(company)s.",
                    **values,
                )
                if vendor
                else _(
                    "Account %(account)s cannot receive a forfeited deposit: choose an active "
                    "income account of %(company)s.",
                    **values,
                )
            )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    def init(self):
        res = super().init()
        # The accounts deposits were booked on, per company and side, read by skipping
        # through this index (res.company._get_deposit_accounts_by_side) instead of
        # grouping every deposit.
        create_index(
            self.env.cr,
            "customer_deposit_company_side_account_idx",
            self._table,
            ["company_id", "partner_type", "deposit_account_id"],
        )
        return res

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
            self._parse_amount(vals["amount"])
        if "exchange_rate" in vals and not self._is_finite_number(vals["exchange_rate"]):
            raise UserError(
                _("%s is not an exchange rate: send a number.", repr(vals["exchange_rate"]))
            )
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        self._parse_partner_types(vals_list)
        if self._is_sales_only_user():
            default_side = self.default_get(["partner_type"]).get("partner_type")
            for vals in vals_list:
                self._check_sales_user_side(vals.get("partner_type") or default_side)
                order = self.env["sale.order"].browse(vals.get("sale_order_id"))
                self._check_relink(order)
        vals_list = [self._sanitize_vals(dict(vals)) for vals in vals_list]
        deposits = super().create(vals_list)
        for deposit, vals in zip(deposits, vals_list):
            if "amount" in vals:
                # The amount as given, never rounded behind the caller's back.
                self._parse_amount(vals["amount"], deposit.currency_id)
        return deposits

    def write(self, vals):
        if "partner_type" in vals:
            self._parse_partner_type(vals["partner_type"])
        if "partner_type" in vals and self.filtered(
            lambda d: d.partner_type != vals["partner_type"]
        ):
            raise UserError(
                _(
                    "A deposit stays on the side it was created on (customer or vendor): "
                    "record a new deposit instead."
                )
            )
        for field in self._get_order_link_fields():
            if field in vals:
                # A new partner in the same write is checked by the constraint instead.
                self._check_relink(
                    self.env[self._fields[field].comodel_name].browse(vals[field]),
                    check_partner="partner_id" not in vals,
                )
        vals = self._sanitize_vals(dict(vals))
        frozen = self._get_frozen_fields().intersection(vals)
        locked = self.filtered(lambda d: d.payment_move_id or d.is_cancelled)
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
        if "amount" in vals:
            for deposit in self:
                self._parse_amount(vals["amount"], deposit.currency_id)
        return res

    def _write_maintained(self, vals):
        """The addon's own writes of the fields it keeps."""
        with addon_writes():
            return self.write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted(self):
        if self.filtered("payment_move_id"):
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

    def _prepare_payment_vals(self):
        """Values of the deposit's ``account.payment``, partner on both lines, at the
        deposit's exchange rate: a customer deposit's is incoming, Dr outstanding receipts
        (or bank) / Cr deposit liability; a vendor deposit's outgoing, Dr vendor deposit
        asset / Cr outstanding payments (or bank)."""
        self.ensure_one()
        vals = {
            "payment_type": self._get_side()["payment_type"],
            "partner_type": self.partner_type,
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
            # An online payment's transaction and token (payment_transaction.py).
            **get_payment_extra_vals(),
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

    def _prepare_opening_move_vals(self):
        """Values of an opening deposit's entry (no payment), on the deposit's date and rate,
        partner on both lines, in the company's deposit journal: a customer deposit, Dr the
        opening balance account / Cr deposit liability; a vendor deposit, the mirror, Dr
        vendor deposit asset / Cr the opening balance account. The opening balance account
        is the one Odoo's own opening entry balances on (undistributed profits/losses)."""
        self.ensure_one()
        company = self.company_id
        opening_account = company.sudo().get_unaffected_earnings_account()
        balance = company.currency_id.round(self.amount * self.exchange_rate)
        sign = self._get_side()["sign"]
        label = _("Opening deposit %(number)s", number=self.name)
        common = {"partner_id": self.partner_id.id, "name": label}
        return {
            "move_type": "entry",
            "date": self.date,
            "journal_id": company.deposit_journal_id.id,
            "company_id": company.id,
            "partner_id": self.partner_id.id,
            "ref": " - ".join(filter(None, [label, self.payment_reference])),
            "deposit_id": self.id,
            "deposit_move_kind": "opening",
            "line_ids": [
                Command.create(
                    {
                        **common,
                        "account_id": self.deposit_account_id.id,
                        "currency_id": self.currency_id.id,
                        "amount_currency": sign * self.amount,
                        "balance": sign * balance,
                    }
                ),
                Command.create(
                    {
                        **common,
                        "account_id": opening_account.id,
                        "currency_id": company.currency_id.id,
                        "amount_currency": -sign * balance,
                        "balance": -sign * balance,
                    }
                ),
            ],
        }

    def _prepare_use_move_vals(
        self,
        kind,
        account,
        amount,
        date,
        label,
        counterpart_currency=None,
        counterpart_amount=None,
        balance=None,
    ):
        """Values of the entry that takes ``amount`` (deposit currency) off the deposit,
        partner on both lines, in the company's deposit journal. A customer deposit: Dr
        deposit liability / Cr ``account`` (the invoice's receivable to apply, the customer's
        receivable to convert to credit, income to forfeit). A vendor deposit, the mirror:
        Dr ``account`` (the bill's payable, the vendor's payable, an expense) / Cr vendor
        deposit asset. The counterpart is ``counterpart_amount`` in ``counterpart_currency``
        (default: the same amount in the deposit currency); ``balance`` (company currency)
        defaults to ``amount`` at ``date``'s rate."""
        self.ensure_one()
        counterpart_currency = counterpart_currency or self.currency_id
        if counterpart_amount is None:
            counterpart_amount = amount
        if balance is None:
            balance = self.currency_id._convert(
                amount, self.company_id.currency_id, self.company_id, date
            )
        # Using a deposit moves its line the other way: a debit off a liability's credit.
        sign = -self._get_side()["sign"]
        common = {"partner_id": self.partner_id.id, "name": label}
        return {
            "move_type": "entry",
            "date": date,
            "journal_id": self.company_id.deposit_journal_id.id,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "ref": label,
            "deposit_id": self.id,
            "deposit_move_kind": kind,
            "line_ids": [
                Command.create(
                    {
                        **common,
                        "account_id": self.deposit_account_id.id,
                        "currency_id": self.currency_id.id,
                        "amount_currency": sign * amount,
                        "balance": sign * balance,
                    }
                ),
                Command.create(
                    {
                        **common,
                        "account_id": account.id,
                        "currency_id": counterpart_currency.id,
                        "amount_currency": -sign * counterpart_amount,
                        "balance": -sign * balance,
                    }
                ),
            ],
        }

    def _get_deferred_tax_line_vals(self, amount, release=False):
        """Lines declaring the tax included in ``amount`` of an advance on the receipt's date,
        or, ``release``, undoing the tax of that share (applied to the invoice that charges
        the tax, refunded, converted to credit), always at the receipt's rate.

        Through the tax engine: the net with the tax's base grids and its counterpart, both
        on the tax on deposits account (they cancel out: the base only feeds the grids, as in
        Odoo's cash-basis entries); the tax lines with their repartition lines and grids
        (credit-note repartition lines to release); their counterpart on the tax on deposits
        account, which holds the tax declared on money not yet invoiced. Releasing what is
        left of the deposit releases all the tax still held, to the cent.
        """
        self.ensure_one()
        account = (
            self.tax_account_id
            if release
            else self.company_id[self._get_side()["tax_account_field"]]
        )
        if not self._is_taxed_advance() or (release and not account):
            return []
        sign = self._get_side()["sign"] * (-1 if release else 1)
        base_vals, tax_vals = self._get_tax_line_vals(
            self.tax_id, amount, self._get_receipt_rate(), sign, release, account
        )
        if release and not tax_vals:
            return []
        if release and self.currency_id.compare_amounts(amount, self.amount_residual) >= 0:
            held_currency, held_balance = self._get_deferred_tax()
            largest = max(tax_vals, key=lambda vals: abs(vals["balance"]))
            for field, held in (("amount_currency", held_currency), ("balance", held_balance)):
                delta = sign * held - sum(vals[field] for vals in tax_vals)
                largest[field] += delta
                base_vals[field] -= delta
        label = (
            _("Tax released on deposit %(number)s", number=self.name)
            if release
            else _("Tax on deposit %(number)s", number=self.name)
        )
        common = {"partner_id": self.partner_id.id, "currency_id": self.currency_id.id}
        tax_currency = sum(vals["amount_currency"] for vals in tax_vals)
        tax_balance = sum(vals["balance"] for vals in tax_vals)
        return [
            {**base_vals, "name": label},
            {
                **common,
                "name": label,
                "account_id": account.id,
                "amount_currency": -base_vals["amount_currency"],
                "balance": -base_vals["balance"],
            },
            *({**vals, "name": label} for vals in tax_vals),
            {
                **common,
                "name": label,
                "account_id": account.id,
                "amount_currency": -tax_currency,
                "balance": -tax_balance,
            },
        ]

    def _prepare_tax_move_vals(self, line_vals, date, label):
        """Values of an entry of tax lines only (``_get_deferred_tax_line_vals``) in the
        deposit journal: the tax declared at receipt, or released on a refund."""
        self.ensure_one()
        return {
            "move_type": "entry",
            "date": date,
            "journal_id": self.company_id.deposit_journal_id.id,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "ref": label,
            "deposit_id": self.id,
            "deposit_move_kind": "tax",
            "line_ids": [Command.create(vals) for vals in line_vals],
        }

    def _prepare_forfeit_tax_line_vals(self, move_vals, amount, tax):
        """Adapt the forfeit entry (``_prepare_use_move_vals``) to the tax: an advance keeps
        the tax declared at receipt, so the share of it held on the tax on deposits account
        goes there and only the net goes to income; a security deposit (or an advance
        without tax) forfeited with ``tax`` declares it now, on the forfeited amount, tax
        included (base line on the income account, tax lines through the engine, at the
        forfeit date's rate like the rest of the entry)."""
        self.ensure_one()
        counterpart = move_vals["line_ids"][1][2]
        if self._is_taxed_advance():
            release = self._get_deferred_tax_line_vals(amount, release=True)
            if not release:
                return move_vals
            held = release[-1]
            counterpart["amount_currency"] -= held["amount_currency"]
            counterpart["balance"] -= held["balance"]
            move_vals["line_ids"].append(Command.create({**held, "name": counterpart["name"]}))
            return move_vals
        if not tax:
            return move_vals
        balance = counterpart["balance"]
        rate = abs(counterpart["amount_currency"] / balance) if balance else 1.0
        base_vals, tax_vals = self._get_tax_line_vals(
            tax,
            amount,
            rate,
            self._get_side()["sign"],
            False,
            self.env["account.account"].browse(counterpart["account_id"]),
        )
        # The entry's own conversion of the amount decides; rounding goes to the net.
        base_vals["balance"] = balance - sum(vals["balance"] for vals in tax_vals)
        base_vals["amount_currency"] = counterpart["amount_currency"] - sum(
            vals["amount_currency"] for vals in tax_vals
        )
        move_vals["line_ids"][1:] = [
            Command.create({**base_vals, "name": counterpart["name"]}),
            *(Command.create({**vals, "name": counterpart["name"]}) for vals in tax_vals),
        ]
        return move_vals

    def _post_entry(self, move_vals):
        """Create and post the deposit's entry of ``move_vals``. Its tax lines come from the
        tax engine already (as Odoo's cash-basis entries): no resynchronisation from the
        base lines."""
        self.ensure_one()
        with addon_writes():
            move = self.env["account.move"].with_context(skip_invoice_sync=True).create(move_vals)
            move._post(soft=False)
        return move

    def _prepare_ifric22_apply_vals(self, move_vals, invoice, receivable, amount, invoice_amount):
        """IFRIC 22 (company setting ``deposit_fx_treatment`` = ``ifric22``, a deposit in a
        foreign currency): the application entry ``move_vals`` (``_prepare_use_move_vals``)
        measured so that matching it books no exchange difference.

        A deposit received in a foreign currency is then non-monetary: the deposit line takes
        off the deposit its own company value of ``amount`` (at the receipt's rate; what is
        left of it when the deposit is used up), the receivable (a bill's payable) line
        settles the invoice's own company value of ``invoice_amount`` (at the invoice's rate;
        what it still owes when settled), and the difference goes to the invoice's product
        lines (revenue; a bill's expense) on their accounts, in proportion to their balances,
        with their analytic distribution: the part of the revenue the deposit covers is
        measured at the deposit's rate. Whatever the invoice's currency (the deposit's, the
        company's or a third one), the covered part is worth what the deposit was worth.
        """
        self.ensure_one()
        company_currency = self.company_id.currency_id
        sign = -self._get_side()["sign"]
        payment_lines = self._get_payment_lines().filtered(lambda line: not line.reconciled)
        # The rates the reconciliation engine reads on each line (amount_currency / balance):
        # the same conversions, so it finds nothing left to call an exchange difference.
        if self.currency_id.compare_amounts(
            amount, abs(sum(payment_lines.mapped("amount_residual_currency")))
        ):
            rate = sum(payment_lines.mapped("amount_currency")) / sum(
                payment_lines.mapped("balance")
            )
            deposit_value = company_currency.round(amount / rate)
        else:
            deposit_value = abs(sum(payment_lines.mapped("amount_residual")))
        if invoice.currency_id == company_currency:
            invoice_value = invoice_amount
        elif invoice.currency_id.compare_amounts(
            invoice_amount, abs(sum(receivable.mapped("amount_residual_currency")))
        ):
            rate = sum(receivable.mapped("amount_currency")) / sum(receivable.mapped("balance"))
            invoice_value = company_currency.round(invoice_amount / rate)
        else:
            invoice_value = abs(sum(receivable.mapped("amount_residual")))
        lines = [command[2] for command in move_vals["line_ids"]]
        for line in lines:
            if line["account_id"] == self.deposit_account_id.id:
                line["balance"] = sign * deposit_value
            elif line["account_id"] in receivable.account_id.ids:
                line["balance"] = -sign * invoice_value
        difference = company_currency.round(-sum(line["balance"] for line in lines))
        if company_currency.is_zero(difference):
            return move_vals
        products = invoice.line_ids.filtered(
            lambda line: (
                line.display_type == "product" and not company_currency.is_zero(line.balance)
            )
        )
        base = sum(products.mapped("balance"))
        if company_currency.is_zero(base):
            raise UserError(
                _(
                    "%(invoice)s has no revenue or expense lines to measure at the rate of "
                    "deposit %(deposit)s (IFRIC 22): settle it with the deposit outside IFRIC "
                    "22 (Monetary in Invoicing > Configuration > Deposits) or by hand.",
                    invoice=invoice.display_name,
                    deposit=self.display_name,
                )
            )
        shares = [company_currency.round(difference * line.balance / base) for line in products]
        # The rounding remainder goes to the largest line.
        largest = max(range(len(products)), key=lambda index: abs(products[index].balance))
        shares[largest] = company_currency.round(shares[largest] + difference - sum(shares))
        label = (
            _("IFRIC 22: expense at the deposit's rate")
            if self.partner_type == "supplier"
            else _("IFRIC 22: revenue at the deposit's rate")
        )
        move_vals["line_ids"] += [
            Command.create(
                {
                    "partner_id": self.partner_id.id,
                    "name": label,
                    "account_id": line.account_id.id,
                    "currency_id": company_currency.id,
                    "amount_currency": share,
                    "balance": share,
                    "analytic_distribution": line.analytic_distribution,
                    "tax_ids": [Command.clear()],
                }
            )
            for line, share in zip(products, shares)
            if not company_currency.is_zero(share)
        ]
        return move_vals

    def _post_use_move(self, move_vals, to_reconcile=None):
        """Post the entry of ``move_vals`` (``_prepare_use_move_vals``) and match it with the
        payment (and its counterpart with ``to_reconcile``, e.g. the invoice's receivable or
        the bill's payable)."""
        move = self._post_entry(move_vals)
        self._reconcile_with_payment(move, to_reconcile)
        return move

    def _prepare_refund_vals(self, amount, journal, date, payment_method_line, memo=None):
        """Values of the refund ``account.payment``, at the refund date's rate: to a
        customer, outgoing, Dr deposit liability / Cr outstanding payments (or bank); from a
        vendor, incoming, Dr outstanding receipts (or bank) / Cr vendor deposit asset."""
        self.ensure_one()
        return {
            "payment_type": self._get_side()["refund_payment_type"],
            "partner_type": self.partner_type,
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
            # A refund through the payment provider: its refund transaction.
            **get_payment_extra_vals(),
        }

    def _prepare_reverse_vals(self, date, reason=None):
        """Default values of the payment's reversal (``_reverse_moves``)."""
        self.ensure_one()
        payment_move = self.payment_move_id
        return {
            "date": date,
            "ref": (
                _("Reversal of %(entry)s: %(reason)s", entry=payment_move.name, reason=reason)
                if reason
                else _("Reversal of %(entry)s", entry=payment_move.name)
            ),
            "journal_id": payment_move.journal_id.id,
            "deposit_id": self.id,
            "deposit_move_kind": "reverse",
        }

    # -------------------------------------------------------------------------
    # BUSINESS METHODS (public API)
    # -------------------------------------------------------------------------

    def action_post(self):
        """Post the deposits: give each its number and post its payment on the company's
        deposit account of its side, the customer deposit liability or the vendor deposit
        asset (the partner's receivable or payable is untouched). An opening deposit gets
        its opening entry instead (``_prepare_opening_move_vals``), posted by accountants
        only.

        A salesman without billing rights posts as superuser once the checks below prove the
        deposit belongs to an order he may read and change.
        """
        for deposit in self.filtered(lambda d: d._get_order().state == "cancel"):
            raise UserError(
                _(
                    "Order %(order)s is cancelled: unlink deposit %(deposit)s from it or link "
                    "it to an open order before posting.",
                    order=deposit._get_order().name,
                    deposit=deposit.display_name,
                )
            )
        if self.filtered("opening_balance"):
            self._check_accountant_rights("opening")
        deposits = self
        if self._is_sales_only_user():
            self._check_sales_user_can_post()
            deposits = self.sudo()
        deposits.check_access("write")
        deposits._lock_for_update()
        deposits._check_can_post()
        for deposit in deposits:
            side = deposit._get_side()
            deposit.sudo()._write_maintained(
                {
                    "deposit_account_id": deposit.company_id[side["account_field"]].id,
                    "name": deposits.env["ir.sequence"]
                    .with_company(deposit.company_id)
                    .next_by_code(side["sequence_code"], sequence_date=deposit.date),
                }
            )
        openings = deposits.filtered("opening_balance")
        paid = deposits - openings
        with addon_writes():
            # One create and one post for the batch: half the queries of a payment at a time.
            payments = deposits.env["account.payment"].create(
                [deposit._prepare_payment_vals() for deposit in paid]
            )
            payments.action_post()
            opening_moves = deposits.env["account.move"].create(
                [deposit._prepare_opening_move_vals() for deposit in openings]
            )
            if opening_moves:
                opening_moves._post(soft=False)
        for deposit, payment in zip(paid, payments):
            deposit._write_maintained({"payment_id": payment.id})
        deposits.filtered(lambda deposit: deposit._is_taxed_advance())._post_receipt_tax()
        for deposit, move in zip(openings, opening_moves):
            deposit._write_maintained({"opening_move_id": move.id})
        return True

    def _post_receipt_tax(self):
        """Declare the tax included in each advance on its receipt's date, at its rate
        (``_get_deferred_tax_line_vals``), in the deposit journal."""
        for deposit in self:
            line_vals = deposit._get_deferred_tax_line_vals(deposit.amount)
            if not line_vals:
                continue
            deposit._write_maintained(
                {"tax_account_id": deposit.company_id[deposit._get_side()["tax_account_field"]].id}
            )
            deposit._post_entry(
                deposit._prepare_tax_move_vals(
                    line_vals,
                    deposit.date,
                    _("Tax on deposit %(number)s", number=deposit.name),
                )
            )

    @api.returns("customer.deposit.application", lambda value: value.id)
    def apply_to_invoice(self, invoice, amount=None, date=None):
        """Apply ``amount`` (deposit currency; None = as much as both allow) of the deposit to
        a posted invoice of its side on ``date`` (default today): a customer invoice for a
        customer deposit, a vendor bill for a vendor deposit.

        Posts Dr deposit liability / Cr the invoice's receivable (a bill: Dr its payable /
        Cr vendor deposit asset) in the deposit journal and reconciles both sides in one
        plan (exchange differences by the engine): the invoice shows the deposit among its
        payments. With the company's IFRIC 22 setting a deposit in a foreign currency is
        measured at its own rate instead, the difference adjusting the invoice's revenue
        (``_prepare_ifric22_apply_vals``). Returns the ``customer.deposit.application``.
        """
        self._ensure_one_deposit()
        self._check_billing_rights("apply")
        invoice = self._parse_record("account.move", invoice)
        if not invoice:
            raise UserError(_("Choose the invoice to apply the deposit to."))
        if amount is not None:
            amount = self._parse_amount(amount, self.currency_id)
        date = self._parse_date(date)
        self.check_access("write")
        invoice.check_access("write")
        self._lock_for_update()
        self._lock_invoice(invoice)
        self._check_invoice_can_receive(invoice)
        self._check_use_date(date)
        invoice_max = self._invoice_residual_in_deposit_currency(invoice, date)
        if amount is None:
            amount = min(self.amount_residual, invoice_max)
        self._check_usable("apply")
        self._check_amount_available(amount, "apply")
        if self.currency_id.compare_amounts(amount, invoice_max) > 0:
            values = {
                "invoice": invoice.display_name,
                "owed": self.currency_id.format(invoice_max),
            }
            raise UserError(
                _(
                    "Bill %(invoice)s has only %(owed)s left to pay: apply at most that amount.",
                    **values,
                )
                if self.partner_type == "supplier"
                else _(
                    "Invoice %(invoice)s owes only %(owed)s: apply at most that amount.", **values
                )
            )
        self._check_lock_dates(
            date,
            self.company_id.deposit_journal_id,
            self.company_id,
            has_tax=bool(self.tax_account_id),
        )

        account_type = self._get_side()["partner_account_type"]
        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == account_type and not line.reconciled
        )
        balance = None
        if self.currency_id.compare_amounts(amount, invoice_max) == 0:
            # Settles the invoice: its own figures, so conversions leave no cent open.
            invoice_amount = invoice.amount_residual
            if invoice.currency_id == self.company_id.currency_id:
                balance = invoice_amount
        elif invoice.currency_id == self.currency_id:
            invoice_amount = amount
        else:
            invoice_amount = self.currency_id._convert(
                amount, invoice.currency_id, self.company_id, date
            )
            if invoice.currency_id == self.company_id.currency_id:
                balance = invoice_amount
        label = _(
            "Deposit %(deposit)s applied to %(invoice)s",
            deposit=self.name,
            invoice=invoice.name,
        )
        move_vals = self._prepare_use_move_vals(
            "apply",
            receivable.account_id[:1],
            amount,
            date,
            label,
            counterpart_currency=invoice.currency_id,
            counterpart_amount=invoice_amount,
            balance=balance,
        )
        if (
            self.company_id.deposit_fx_treatment == "ifric22"
            and self.currency_id != self.company_id.currency_id
        ):
            move_vals = self._prepare_ifric22_apply_vals(
                move_vals, invoice, receivable, amount, invoice_amount
            )
        # The invoice charges the tax on the whole supply: release the advance's share.
        move_vals["line_ids"] += [
            Command.create(vals) for vals in self._get_deferred_tax_line_vals(amount, release=True)
        ]
        move = self._post_use_move(move_vals, to_reconcile=receivable)
        with addon_writes():
            application = (
                self.env["customer.deposit.application"]
                .sudo()
                .create({"deposit_id": self.id, "invoice_id": invoice.id, "move_id": move.id})
                .sudo(self.env.su)
            )
        self._post_history(
            _("%(amount)s applied to %(invoice)s (%(entry)s)."),
            amount=self.currency_id.format(amount),
            invoice=invoice,
            entry=move,
        )
        return application

    @api.returns("account.move", lambda value: value.id)
    def convert_to_credit(self, amount=None, date=None):
        """Move ``amount`` (deposit currency; None = the whole balance) of the deposit to the
        partner's account as an outstanding payment, which then settles future invoices like
        any payment: a customer's receivable gets an outstanding credit (Dr deposit liability
        / Cr receivable), a vendor's payable an outstanding debit offered on the next bill
        (Dr payable / Cr vendor deposit asset); reconciled with the deposit.
        """
        self._ensure_one_deposit()
        self._check_billing_rights("vendor_credit" if self.partner_type == "supplier" else "credit")
        date = self._parse_date(date)
        if amount is not None:
            amount = self._parse_amount(amount, self.currency_id)
        self.check_access("write")
        self._lock_for_update()
        self._check_use_date(date)
        if amount is None:
            amount = self.amount_residual
        self._check_usable("credit")
        self._check_amount_available(amount, "credit")
        self._check_lock_dates(
            date,
            self.company_id.deposit_journal_id,
            self.company_id,
            has_tax=bool(self.tax_account_id),
        )
        vendor = self.partner_type == "supplier"
        partner_account = self.partner_id.with_company(self.company_id)[
            self._get_side()["partner_account_field"]
        ]
        label = (
            _("Deposit %(deposit)s converted to vendor credit", deposit=self.name)
            if vendor
            else _("Deposit %(deposit)s converted to customer credit", deposit=self.name)
        )
        # Credit is a plain payment on account: the tax is declared when it is invoiced.
        move_vals = self._prepare_use_move_vals("credit", partner_account, amount, date, label)
        move_vals["line_ids"] += [
            Command.create(vals) for vals in self._get_deferred_tax_line_vals(amount, release=True)
        ]
        move = self._post_use_move(move_vals)
        self._post_history(
            _("%(amount)s converted to vendor credit (%(entry)s).")
            if vendor
            else _("%(amount)s converted to customer credit (%(entry)s)."),
            amount=self.currency_id.format(amount),
            entry=move,
        )
        return move

    @api.returns("account.payment", lambda value: value.id)
    def refund(self, amount=None, journal=None, date=None, payment_method_line=None, memo=None):
        """Give (part of) the unapplied balance back: to the customer, or, for a vendor
        deposit, the vendor gives it back.

        Posts the refund payment (``_prepare_refund_vals``: outgoing to a customer, incoming
        from a vendor) and matches it with the deposit's payment line. ``amount`` in the
        deposit currency defaults to the whole balance; ``journal`` to the deposit's journal,
        ``date`` to today, ``payment_method_line`` to the journal's first method of the
        refund's direction. Returns the ``account.payment``.
        """
        self._ensure_one_deposit()
        self._check_accountant_rights("refund")
        self.check_access("write")
        self._lock_for_update()
        self._check_usable("refund")
        if amount is None:
            amount = self.amount_residual
        else:
            amount = self._parse_amount(amount, self.currency_id)
        self._check_amount_available(amount, "refund")
        journal = self._parse_record("account.journal", journal) or self.journal_id
        method_line = (
            self._parse_record("account.payment.method.line", payment_method_line)
            or journal._get_available_payment_method_lines(self._get_side()["refund_payment_type"])[
                :1
            ]
        )
        date = self._parse_date(date)
        if memo and not isinstance(memo, str):
            raise UserError(_("%s is not a memo: send text.", repr(memo)))
        self._check_use_date(date)
        self._check_refund_journal(journal, method_line)
        self._check_lock_dates(date, journal, self.company_id)
        if self.tax_account_id:
            self._check_lock_dates(
                date, self.company_id.deposit_journal_id, self.company_id, has_tax=True
            )

        tax_release = self._get_deferred_tax_line_vals(amount, release=True)
        with addon_writes():
            payment = self.env["account.payment"].create(
                self._prepare_refund_vals(amount, journal, date, method_line, memo)
            )
            payment.action_post()
        self._reconcile_with_payment(payment.move_id)
        if tax_release:
            self._post_entry(
                self._prepare_tax_move_vals(
                    tax_release,
                    date,
                    _("Tax released on the refund of deposit %(number)s", number=self.name),
                )
            )
        self._post_history(
            _("%(amount)s refunded by the vendor (%(entry)s).")
            if self.partner_type == "supplier"
            else _("%(amount)s refunded to the customer (%(entry)s)."),
            amount=self.currency_id.format(amount),
            entry=payment,
        )
        return payment

    def reverse(self, reason=None, bounced=False, date=None):
        """Undo the payment: the deposit becomes Reversed, ``reason`` goes to the chatter.

        A mistake reverses the payment entry and matches both sides with it; the
        payment is marked cancelled. A bounced cheque (``bounced=True``) posts the same
        reversal but leaves its bank-side line open, so the returned cheque's bank statement
        line can be matched with it; the payment keeps its own bank match and the payment
        is marked rejected.
        """
        if not self:
            raise UserError(_("Select the deposits to reverse."))
        self._check_accountant_rights("reverse")
        if not isinstance(bounced, bool):
            raise UserError(_("Bounced cheque must be true or false, not %s.", repr(bounced)))
        if reason and not isinstance(reason, str):
            raise UserError(_("%s is not a reason: send text.", repr(reason)))
        self.check_access("write")
        self._lock_for_update()
        date = self._parse_date(date)
        for deposit in self:
            deposit._check_can_reverse(bounced, date)
        for deposit in self:
            deposit._reverse_payment(reason, bounced, date)
        return True

    def _reverse_payment(self, reason, bounced, date):
        """Post the payment's reversal (see ``reverse``) and log it with ``reason``."""
        self.ensure_one()
        payment_move = self.payment_move_id
        default_values = [self._prepare_reverse_vals(date, reason)]
        with addon_writes():
            if bounced:
                reversal = payment_move._reverse_moves(default_values, cancel=False)
                # Posting matches every open reconcilable pair; the bank side must stay open.
                reversal._post(soft=False)
                (reversal.line_ids - self._get_deposit_lines(reversal)).remove_move_reconcile()
            else:
                reversal = payment_move._reverse_moves(default_values, cancel=True)
            # Odoo leaves the payment in process whatever happened to its entry.
            if self.payment_id:
                self.payment_id.write({"state": "rejected" if bounced else "canceled"})
            # The money never came: neither did the tax declared on it.
            tax_move = self._get_receipt_tax_move()
            if tax_move:
                tax_move._reverse_moves(
                    [
                        {
                            "date": date,
                            "ref": _("Reversal of %(entry)s", entry=tax_move.name),
                            "journal_id": tax_move.journal_id.id,
                        }
                    ],
                    cancel=True,
                )
        if bounced and reason:
            message = _("Deposit reversed (%(entry)s). Cheque returned unpaid: %(reason)s")
        elif bounced:
            message = _("Deposit reversed (%(entry)s). Cheque returned unpaid.")
        elif reason:
            message = _("Deposit reversed (%(entry)s). Entered by mistake: %(reason)s")
        else:
            message = _("Deposit reversed (%(entry)s). Entered by mistake.")
        self._post_history(message, entry=reversal, reason=reason)
        return reversal

    @api.returns("account.move", lambda value: value.id)
    def forfeit(self, amount=None, account=None, date=None, tax=None):
        """Forfeit (part of) the unapplied balance, matched with the payment line, in the
        deposit journal: a customer deposit is kept as income (Dr deposit liability / Cr the
        company's forfeited-deposit income account, or ``account``); a vendor deposit kept by
        the vendor is an expense (Dr the forfeited vendor deposit expense account, or
        ``account`` / Cr vendor deposit asset). ``amount`` defaults to the whole balance.

        Tax: an advance keeps the tax declared at receipt (only the net goes to income, the
        tax's share leaves the tax on deposits account); a security deposit declares ``tax``
        (default: the deposit's tax, then the company's tax on deposits when Tax on Advance
        Payments is on) on the forfeited amount, tax included, and so does an advance whose
        tax was not declared, when ``tax`` is given. Returns the entry.
        """
        self._ensure_one_deposit()
        self._check_accountant_rights("forfeit")
        self.check_access("write")
        self._lock_for_update()
        self._check_usable("forfeit")
        if amount is None:
            amount = self.amount_residual
        else:
            amount = self._parse_amount(amount, self.currency_id)
        self._check_amount_available(amount, "forfeit")
        account = (
            self._parse_record("account.account", account)
            or (self.company_id[self._get_side()["forfeit_account_field"]])
        )
        date = self._parse_date(date)
        tax = self._parse_record("account.tax", tax)
        tax = tax or self._get_forfeit_tax()
        self._check_use_date(date)
        self._check_forfeit_account(account)
        self._check_forfeit_tax(tax)
        self.company_id._customer_deposit_check_configured(self.partner_type)
        self._check_lock_dates(
            date,
            self.company_id.deposit_journal_id,
            self.company_id,
            has_tax=bool(tax or self.tax_account_id),
        )

        label = _("Forfeit of deposit %(number)s", number=self.name)
        move = self._post_use_move(
            self._prepare_forfeit_tax_line_vals(
                self._prepare_use_move_vals("forfeit", account, amount, date, label), amount, tax
            )
        )
        self._post_history(
            _("%(amount)s forfeited, kept by the vendor and booked as an expense (%(entry)s).")
            if self.partner_type == "supplier"
            else _("%(amount)s forfeited, kept as income (%(entry)s)."),
            amount=self.currency_id.format(amount),
            entry=move,
        )
        return move

    # -------------------------------------------------------------------------
    # ACTIONS (buttons)
    # -------------------------------------------------------------------------

    def action_cancel(self):
        """Cancel draft deposits. Posted ones are undone by reversal, refund or forfeit."""
        if self.filtered("payment_move_id"):
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
        if self.filtered("payment_move_id"):
            raise UserError(
                _(
                    "A posted deposit cannot go back to draft: its journal entries stay. "
                    "Reverse it instead."
                )
            )
        self.check_access("write")
        self._write_maintained({"is_cancelled": False})
        return True

    def action_open_apply_wizard(self):
        """Button: apply the deposit to one or several invoices or bills (wizard)."""
        self._ensure_one_deposit()
        return {
            "type": "ir.actions.act_window",
            "name": _("Apply %s to Bills", self.display_name)
            if self.partner_type == "supplier"
            else _("Apply %s to Invoices", self.display_name),
            "res_model": "customer.deposit.apply.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_deposit_id": self.id, "default_mode": "deposit"},
        }

    def action_convert_to_credit(self):
        """Button: convert the whole balance to customer (or vendor) credit."""
        self._ensure_one_deposit()
        self.convert_to_credit()
        return True

    def action_send_receipt(self):
        """Open the email composer with the deposit receipt template, or for a vendor
        deposit the payment advice template (the PDF is attached). Nothing is sent until the
        user confirms; refused for drafts."""
        self._ensure_one_deposit()
        vendor = self.partner_type == "supplier"
        if not self.payment_move_id:
            raise UserError(
                _("Post the deposit before sending its payment advice: a draft has paid nothing.")
                if vendor
                else _("Post the deposit before sending its receipt: a draft has received nothing.")
            )
        if self.state == "reversed":
            raise UserError(
                _(
                    "Deposit %s was reversed: its money was never paid, there is no payment "
                    "advice to send.",
                    self.display_name,
                )
                if vendor
                else _(
                    "Deposit %s was reversed: its money was never received, there is no "
                    "receipt to send.",
                    self.display_name,
                )
            )
        template = self.env.ref(self._get_side()["mail_template"], raise_if_not_found=False)
        return {
            "type": "ir.actions.act_window",
            "name": _("Send Payment Advice") if vendor else _("Send Deposit Receipt"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id if template else False,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                "mail_post_autofollow": True,
                "force_email": True,
            },
        }

    def action_view_moves(self):
        """Smart button: the journal items of the deposit's entries."""
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
        """Button: the deposit's payment."""
        self._ensure_one_deposit()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.payment",
            "res_id": self.payment_id.id,
            "view_mode": "form",
        }

    @api.model
    def get_import_templates(self):
        """Import records: the template of opening deposits (received before the company
        used Odoo), documented in readme/USAGE.md."""
        return [
            {
                "label": _("Import Template for Opening Deposits"),
                "template": "/customer_deposit/static/csv/customer_deposit_opening.csv",
            }
        ]
