# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SaleOrderDepositCancel(models.TransientModel):
    """Shown when an order holding deposits is cancelled: says what is held and lets the
    user keep the deposits with the customer, refund them or forfeit them. It only collects
    the choice and calls the public API (sale.order.action_cancel, customer.deposit.refund
    / forfeit)."""

    _name = "sale.order.deposit.cancel"
    _description = "Cancel an Order Holding Deposits"

    order_id = fields.Many2one(
        comodel_name="sale.order",
        string="Sales Order",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="order_id.company_id")
    currency_id = fields.Many2one(related="order_id.currency_id")
    amount_held = fields.Monetary(
        related="order_id.deposit_amount_held",
        string="Held on Deposits",
        currency_field="currency_id",
    )
    deposit_ids = fields.Many2many(
        comodel_name="customer.deposit",
        string="Deposits Held",
        compute="_compute_deposit_ids",
    )
    choice = fields.Selection(
        selection="_selection_choice",
        string="Deposits",
        required=True,
        default="keep",
    )
    journal_id = fields.Many2one(
        comodel_name="account.journal",
        string="Refund From",
        check_company=True,
        domain="[('type', 'in', ('bank', 'cash'))]",
        help="Bank or cash journal the money is paid back from. Empty: each deposit's own journal.",
    )
    date = fields.Date(
        string="Refund/Forfeit Date",
        default=fields.Date.context_today,
        required=True,
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    @api.model
    def _can_end_deposits(self):
        """Refund and forfeit are offered to accountants, once the deposit API has them."""
        Deposit = self.env["customer.deposit"]
        return (
            self.env["customer.deposit"]._is_deposit_accountant()
            and hasattr(Deposit, "refund")
            and hasattr(Deposit, "forfeit")
        )

    @api.model
    def _selection_choice(self):
        choices = [("keep", _("Keep them as customer deposits, usable on any invoice"))]
        if self._can_end_deposits():
            choices += [
                ("refund", _("Refund them to the customer")),
                ("forfeit", _("Forfeit them (keep the money as income)")),
            ]
        return choices

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("order_id")
    def _compute_deposit_ids(self):
        for wizard in self:
            wizard.deposit_ids = wizard.order_id._get_posted_deposits().filtered(
                lambda d: not d.currency_id.is_zero(d.amount_residual)
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_confirm(self):
        """Cancel the order, then treat its deposits as chosen: keep (nothing is posted,
        the deposits stay linked for history and usable on any invoice of the customer),
        refund or forfeit each unapplied balance (accountants only)."""
        self.ensure_one()
        if self.choice != "keep" and not self._can_end_deposits():
            raise UserError(
                _("Only accountants can refund or forfeit deposits: keep them instead.")
            )
        deposits = self.deposit_ids
        order = self.order_id.with_context(deposit_cancel_checked=True, disable_cancel_warning=True)
        order.action_cancel()
        if self.choice == "refund":
            for deposit in deposits:
                deposit.refund(journal=self.journal_id or deposit.journal_id, date=self.date)
        elif self.choice == "forfeit":
            for deposit in deposits:
                deposit.forfeit(date=self.date)
        labels = dict(self._fields["choice"]._description_selection(self.env))
        order.message_post(
            body=_(
                "Order cancelled while holding deposits %(deposits)s: %(choice)s.",
                deposits=", ".join(deposits.mapped("display_name")),
                choice=labels[self.choice],
            )
        )
        return {"type": "ir.actions.act_window_close"}
