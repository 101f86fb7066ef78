# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class CustomerDepositOrderCancel(models.AbstractModel):
    """Shown when an order holding deposits is cancelled (a sales order; a purchase order
    with the purchase bridge): says what is held and lets the user keep the deposits, refund
    them or forfeit them. It only collects the choice and calls the public API (the order's
    cancellation, ``customer.deposit.refund`` / ``forfeit``).

    The dialog of an order model inherits this one and adds ``order_id``, a Many2one to the
    order model (``customer.deposit.order.mixin``).
    """

    _name = "customer.deposit.order.cancel"
    _description = "Cancel an Order Holding Deposits"

    company_id = fields.Many2one(comodel_name="res.company", compute="_compute_order_values")
    currency_id = fields.Many2one(comodel_name="res.currency", compute="_compute_order_values")
    amount_held = fields.Monetary(
        string="Held on Deposits",
        compute="_compute_order_values",
        currency_field="currency_id",
    )
    deposit_ids = fields.Many2many(
        comodel_name="customer.deposit",
        string="Deposits Held",
        compute="_compute_order_values",
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
        help="Bank or cash journal the money is paid back from (received in, for a vendor "
        "deposit). Empty: each deposit's own journal.",
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
    def _get_deposit_partner_type(self):
        """The side of the deposits of the dialog's orders (customer for this abstract
        model, which has no order)."""
        order_field = self._fields.get("order_id")
        if not order_field:
            return "customer"
        return self.env[order_field.comodel_name]._get_deposit_partner_type()

    @api.model
    def _can_end_deposits(self):
        """Refund and forfeit are offered to accountants, once the deposit API has them."""
        Deposit = self.env["customer.deposit"]
        return (
            Deposit._is_deposit_accountant()
            and hasattr(Deposit, "refund")
            and hasattr(Deposit, "forfeit")
        )

    @api.model
    def _selection_choice(self):
        if self._get_deposit_partner_type() == "supplier":
            choices = [("keep", _("Keep them as vendor deposits, usable on any bill"))]
            if self._can_end_deposits():
                choices += [
                    ("refund", _("Get them refunded by the vendor")),
                    ("forfeit", _("Forfeit them (the vendor keeps the money: an expense)")),
                ]
            return choices
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
    def _compute_order_values(self):
        for wizard in self:
            order = wizard.order_id
            wizard.company_id = order.company_id
            wizard.currency_id = order.currency_id
            wizard.amount_held = order.deposit_amount_held
            wizard.deposit_ids = order._get_posted_deposits().filtered(
                lambda d: not d.currency_id.is_zero(d.amount_residual)
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_confirm(self):
        """Cancel the order, then treat its deposits as chosen: keep (nothing is posted,
        the deposits stay linked for history and usable on any invoice or bill of the
        partner), refund or forfeit each unapplied balance (accountants only)."""
        self.ensure_one()
        if self.choice != "keep" and not self._can_end_deposits():
            raise UserError(
                _("Only accountants can refund or forfeit deposits: keep them instead.")
            )
        deposits = self.deposit_ids
        order = self.order_id
        order._cancel_after_deposit_choice()
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
