# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Moving a deposit's balance off the liability account: to an invoice, to customer credit,
to income (forfeit, in customer_deposit_endings.py).

All are the same entry shape, built by ``_prepare_transfer_move_vals``: Dr deposit
liability / Cr a counterpart account, in the deposit transfer journal, then the liability
debit is reconciled with the deposit's receipt line (``_create_transfer``).
"""

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from .customer_deposit import OPEN_STATES
from .deposit_guard import addon_writes


class CustomerDeposit(models.Model):
    _inherit = "customer.deposit"

    application_ids = fields.One2many(
        comodel_name="customer.deposit.application",
        inverse_name="deposit_id",
        string="Applications",
        readonly=True,
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _browse_arg(self, model, value):
        """Public methods accept one record or its id (RPC); empty gives an empty record."""
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
        return self.env[model].browse(value).exists() or self._raise_missing(model, value)

    @api.model
    def _raise_missing(self, model, value):
        raise UserError(
            _("%(model)s %(id)s does not exist.", model=self.env[model]._description, id=value)
        )

    def _check_has_balance(self, amount):
        """Refuse a use of ``amount`` (deposit currency) the deposit cannot cover."""
        self.ensure_one()
        if self.state not in OPEN_STATES:
            raise UserError(
                _(
                    "Deposit %(deposit)s is %(state)s: only a posted deposit with an unapplied "
                    "balance can be used.",
                    deposit=self.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )
        if self.currency_id.compare_amounts(amount, 0.0) <= 0:
            raise UserError(_("The amount to use must be greater than zero."))
        if self.currency_id.compare_amounts(amount, self.amount_residual) > 0:
            raise UserError(
                _(
                    "Deposit %(deposit)s has only %(balance)s left: enter at most that amount.",
                    deposit=self.display_name,
                    balance=self._format_amount(self.amount_residual),
                )
            )
        self._check_amount_arg(amount)

    def _format_amount(self, amount, currency=None):
        return formatLang(self.env, amount, currency_obj=currency or self.currency_id)

    def _get_transfer_balance(self, amount, date):
        """Company-currency value of ``amount`` (deposit currency) on ``date``."""
        return self.currency_id._convert(amount, self.company_id.currency_id, self.company_id, date)

    # -------------------------------------------------------------------------
    # ENTRIES
    # -------------------------------------------------------------------------

    def _prepare_transfer_move_vals(
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
        """Entry Dr deposit liability ``amount`` (deposit currency) / Cr ``account``
        (``counterpart_amount`` in ``counterpart_currency``, default the same), customer on
        both lines, in the company's deposit transfer journal."""
        self.ensure_one()
        counterpart_currency = counterpart_currency or self.currency_id
        if counterpart_amount is None:
            counterpart_amount = amount
        if balance is None:
            balance = self._get_transfer_balance(amount, date)
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
                        "amount_currency": amount,
                        "balance": balance,
                    }
                ),
                Command.create(
                    {
                        **common,
                        "account_id": account.id,
                        "currency_id": counterpart_currency.id,
                        "amount_currency": -counterpart_amount,
                        "balance": -balance,
                    }
                ),
            ],
        }

    def _create_transfer(self, move_vals, to_reconcile=None):
        """Post the transfer and reconcile, in one plan, its liability line with the receipt
        line and its counterpart line with ``to_reconcile`` (e.g. the invoice's receivable).
        The engine books any exchange difference."""
        self.ensure_one()
        with addon_writes():
            move = self.env["account.move"].create(move_vals)
            move._post(soft=False)
            liability = move.line_ids.filtered(
                lambda line: line.account_id == self.deposit_account_id
            )
            plan = [self._get_receipt_lines() + liability]
            if to_reconcile:
                plan.append(to_reconcile + (move.line_ids - liability))
            self.env["account.move.line"]._reconcile_plan(plan)
        return move

    # -------------------------------------------------------------------------
    # BUSINESS METHODS (public API)
    # -------------------------------------------------------------------------

    def _check_invoice_can_receive(self, invoice):
        self.ensure_one()
        if invoice.move_type != "out_invoice":
            raise UserError(
                _(
                    "%s is not a customer invoice: deposits apply to customer invoices only.",
                    invoice.display_name,
                )
            )
        if invoice.state != "posted":
            raise UserError(
                _(
                    "Invoice %s is not posted: post it before applying a deposit.",
                    invoice.display_name,
                )
            )
        if invoice.company_id != self.company_id:
            raise UserError(
                _(
                    "Invoice %(invoice)s belongs to another company than deposit %(deposit)s.",
                    invoice=invoice.display_name,
                    deposit=self.display_name,
                )
            )
        if invoice.commercial_partner_id != self.partner_id:
            raise UserError(
                _(
                    "Invoice %(invoice)s is for %(partner)s, deposit %(deposit)s for "
                    "%(deposit_partner)s: a deposit only pays its own customer's invoices.",
                    invoice=invoice.display_name,
                    partner=invoice.commercial_partner_id.display_name,
                    deposit=self.display_name,
                    deposit_partner=self.partner_id.display_name,
                )
            )
        if invoice.currency_id.is_zero(invoice.amount_residual):
            raise UserError(_("Invoice %s has nothing left to pay.", invoice.display_name))

    def _invoice_residual_in_deposit_currency(self, invoice, date):
        return invoice.currency_id._convert(
            invoice.amount_residual, self.currency_id, self.company_id, date
        )

    def _lock_invoice(self, invoice):
        self._lock_rows(
            invoice,
            _(
                "Invoice %s is being paid by another user right now. Try again in a moment.",
                invoice.display_name,
            ),
        )

    @api.returns("customer.deposit.application", lambda value: value.id)
    def apply_to_invoice(self, invoice, amount=None, date=None):
        """Apply ``amount`` (deposit currency; None = as much as both allow) of the deposit to
        a posted customer invoice on ``date`` (default today).

        Posts Dr deposit liability / Cr the invoice's receivable in the transfer journal and
        reconciles both sides in one plan (exchange differences by the engine): the invoice
        shows the deposit among its payments. Returns the ``customer.deposit.application``.

        Refused for a deposit without balance, an invoice that is not a posted customer
        invoice of the same commercial partner and company, an amount above the deposit's
        balance or what the invoice owes, and a locked date.
        """
        self._ensure_one_deposit()
        self._check_billing_rights(_("apply"))
        invoice = self._browse_arg("account.move", invoice)
        if not invoice:
            raise UserError(_("Choose the invoice to apply the deposit to."))
        amount = self._check_amount_arg(amount)
        date = self._check_date_arg(date)
        self.check_access("write")
        invoice.check_access("write")
        self._lock_for_update()
        self._lock_invoice(invoice)
        self._check_invoice_can_receive(invoice)
        self._check_use_date(date)
        invoice_max = self._invoice_residual_in_deposit_currency(invoice, date)
        if amount is None:
            amount = min(self.amount_residual, invoice_max)
        self._check_has_balance(amount)
        if self.currency_id.compare_amounts(amount, invoice_max) > 0:
            raise UserError(
                _(
                    "Invoice %(invoice)s owes only %(owed)s: apply at most that amount.",
                    invoice=invoice.display_name,
                    owed=self._format_amount(invoice_max),
                )
            )
        self._check_lock_dates(date, self.company_id.deposit_journal_id, self.company_id)

        receivable = invoice.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
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
        move_vals = self._prepare_transfer_move_vals(
            "apply",
            receivable.account_id[:1],
            amount,
            date,
            label,
            counterpart_currency=invoice.currency_id,
            counterpart_amount=invoice_amount,
            balance=balance,
        )
        move = self._create_transfer(move_vals, to_reconcile=receivable)
        with addon_writes():
            application = (
                self.env["customer.deposit.application"]
                .sudo()
                .create({"deposit_id": self.id, "invoice_id": invoice.id, "move_id": move.id})
                .sudo(self.env.su)
            )
        self._message_log(
            body=_(
                "%(amount)s applied to %(invoice)s (%(entry)s).",
                amount=self._format_amount(amount),
                invoice=invoice._get_html_link(title=invoice.name),
                entry=move._get_html_link(title=move.name),
            )
        )
        return application

    @api.returns("account.move", lambda value: value.id)
    def convert_to_credit(self, amount=None, date=None):
        """Move ``amount`` (deposit currency; None = the whole balance) of the deposit to the
        customer's receivable as an outstanding credit, which then settles future invoices
        like any payment: Dr deposit liability / Cr receivable, reconciled with the deposit.

        Refused for a deposit without balance, more than the balance, and a locked date.
        """
        self._ensure_one_deposit()
        self._check_billing_rights(_("move to customer credit"))
        date = self._check_date_arg(date)
        amount = self._check_amount_arg(amount)
        self.check_access("write")
        self._lock_for_update()
        self._check_use_date(date)
        if amount is None:
            amount = self.amount_residual
        self._check_has_balance(amount)
        self._check_lock_dates(date, self.company_id.deposit_journal_id, self.company_id)
        receivable = self.partner_id.with_company(self.company_id).property_account_receivable_id
        label = _("Deposit %(deposit)s moved to customer credit", deposit=self.name)
        move = self._create_transfer(
            self._prepare_transfer_move_vals("credit", receivable, amount, date, label)
        )
        self._message_log(
            body=_(
                "%(amount)s moved to customer credit (%(entry)s).",
                amount=self._format_amount(amount),
                entry=move._get_html_link(title=move.name),
            )
        )
        return move

    def action_open_apply_wizard(self):
        self._ensure_one_deposit()
        return {
            "type": "ir.actions.act_window",
            "name": _("Apply %s to Invoices", self.display_name),
            "res_model": "customer.deposit.apply",
            "view_mode": "form",
            "target": "new",
            "context": {"default_deposit_id": self.id, "default_mode": "deposit"},
        }

    def action_convert_to_credit(self):
        """Button: move the whole balance to customer credit."""
        self._ensure_one_deposit()
        self.convert_to_credit()
        return True
