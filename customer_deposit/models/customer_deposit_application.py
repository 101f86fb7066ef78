# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .deposit_guard import addon_writes, is_addon_write


class CustomerDepositApplication(models.Model):
    """One application of (part of) a deposit to one invoice.

    The row records what was done; its numbers are read from the application entry. Unapplying
    reverses that entry and keeps the row, marked unapplied.
    """

    _name = "customer.deposit.application"
    _description = "Customer Deposit Application"
    _order = "date desc, id desc"
    _check_company_auto = True

    deposit_id = fields.Many2one(
        comodel_name="customer.deposit",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    invoice_id = fields.Many2one(
        comodel_name="account.move",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    move_id = fields.Many2one(
        comodel_name="account.move",
        string="Application Entry",
        required=True,
        readonly=True,
        index=True,  # searched each time journal items change (the amounts depend on them)
        ondelete="restrict",
        check_company=True,
    )
    reversal_move_id = fields.Many2one(
        comodel_name="account.move",
        string="Reversal Entry",
        compute="_compute_state",
        store=True,
    )
    company_id = fields.Many2one(related="deposit_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="deposit_id.partner_id")
    date = fields.Date(related="move_id.date", store=True, string="Date")
    currency_id = fields.Many2one(related="deposit_id.currency_id", string="Deposit Currency")
    amount = fields.Monetary(
        string="Amount Applied",
        currency_field="currency_id",
        compute="_compute_amounts",
        store=True,
        help="In the deposit's currency, from the application entry.",
    )
    invoice_currency_id = fields.Many2one(
        related="invoice_id.currency_id", string="Invoice Currency"
    )
    amount_invoice_currency = fields.Monetary(
        string="Amount in Invoice Currency",
        currency_field="invoice_currency_id",
        compute="_compute_amounts",
        store=True,
    )
    invoice_amount_total = fields.Monetary(
        related="invoice_id.amount_total",
        string="Invoice Total",
        currency_field="invoice_currency_id",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    amount_company = fields.Monetary(
        string="Amount in Company Currency",
        currency_field="company_currency_id",
        compute="_compute_amounts",
        store=True,
    )
    rate = fields.Float(
        digits=0,
        compute="_compute_amounts",
        store=True,
        help="Company currency per unit of deposit currency used by the application entry.",
    )
    state = fields.Selection(
        selection=[("applied", "Applied"), ("unapplied", "Unapplied")],
        compute="_compute_state",
        store=True,
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_entry_lines(self):
        """(deposit account line, invoice side line) of the application entry: liability
        and receivable for a customer deposit, asset and payable for a vendor deposit (not
        the revenue or expense adjustment of an IFRIC 22 application)."""
        self.ensure_one()
        liability = self.deposit_id._get_deposit_lines(self.move_id)
        account_type = self.deposit_id._get_side()["partner_account_type"]
        return liability, self.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == account_type
        )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends(
        "move_id.line_ids.amount_currency", "move_id.line_ids.balance", "deposit_id.partner_type"
    )
    def _compute_amounts(self):
        """Positive amounts on both sides: the entry debits a customer deposit's liability
        and credits a vendor deposit's asset."""
        for application in self:
            sign = application.deposit_id._get_side()["sign"]
            deposit_line, invoice_line = application._get_entry_lines()
            application.amount = -sign * sum(deposit_line.mapped("amount_currency"))
            application.amount_company = -sign * sum(deposit_line.mapped("balance"))
            application.amount_invoice_currency = sign * sum(invoice_line.mapped("amount_currency"))
            application.rate = (
                application.amount_company / application.amount if application.amount else 0.0
            )

    @api.depends("move_id.reversal_move_ids.state")
    def _compute_state(self):
        for application in self:
            reversal = application.move_id.reversal_move_ids.filtered(
                lambda move: move.state == "posted"
            )[:1]
            application.reversal_move_id = reversal
            application.state = "unapplied" if reversal else "applied"

    @api.depends("deposit_id", "invoice_id")
    def _compute_display_name(self):
        for application in self:
            application.display_name = _(
                "%(deposit)s on %(invoice)s",
                deposit=application.deposit_id.display_name,
                invoice=application.invoice_id.display_name,
            )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    def _refuse_by_hand(self):
        if not is_addon_write():
            raise AccessError(
                _(
                    "Deposit applications are recorded by Customer Deposits when a deposit is "
                    "applied to an invoice: use Apply Deposit, or Unapply to undo one."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse_by_hand()
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_by_hand()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_by_hand(self):
        self._refuse_by_hand()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_unapply(self, date=None):
        """Undo applications: reverse each application entry (``_reverse_moves(cancel=True)``),
        which removes its matching with the deposit and the invoice, and the exchange
        differences booked for it. The invoice is open again, the deposit balance restored.
        """
        if not self:
            raise UserError(_("Select the deposit applications to undo."))
        Deposit = self.env["customer.deposit"]
        Deposit._check_billing_rights("unapply")
        date = Deposit._parse_date(date)
        self.check_access("read")
        self.deposit_id.check_access("write")
        self.invoice_id.check_access("write")
        self.deposit_id._lock_for_update()
        for application in self:
            if application.state != "applied":
                raise UserError(_("%s is already unapplied.", application.display_name))
            move = application.move_id
            if move.deposit_id != application.deposit_id or move.deposit_move_kind != "apply":
                raise UserError(_("%s is not a deposit application entry.", move.display_name))
            application.deposit_id._check_use_date(date)
            if date < application.date:
                raise UserError(
                    _(
                        "%(date)s is before %(application)s was made (%(applied)s): undo it "
                        "on or after that date.",
                        date=fields.Date.to_string(date),
                        application=application.display_name,
                        applied=fields.Date.to_string(application.date),
                    )
                )
            application.deposit_id._check_lock_dates(date, move.journal_id, application.company_id)
        for application in self:
            with addon_writes():
                reversal = application.move_id._reverse_moves(
                    default_values_list=[
                        {
                            "date": date,
                            "ref": _("Undo: %s", application.move_id.ref),
                        }
                    ],
                    cancel=True,
                )
            application.deposit_id._post_history(
                _("Application to %(invoice)s undone by %(entry)s."),
                invoice=application.invoice_id,
                entry=reversal,
            )
        return True

    def action_open_invoice(self):
        self.ensure_one()
        return self.invoice_id._get_records_action()
