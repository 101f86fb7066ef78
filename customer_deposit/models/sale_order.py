# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    """Customer deposits of a sales order: what it holds and what is still due
    (customer.deposit.order.mixin), Register Deposit, and the online prepayment the deposit
    suggested on a quotation covers."""

    _name = "sale.order"
    _inherit = ["sale.order", "customer.deposit.order.mixin"]
    _deposit_order_field = "sale_order_id"
    _deposit_cancel_wizard = "sale.order.deposit.cancel"

    deposit_ids = fields.One2many(
        comodel_name="customer.deposit",
        inverse_name="sale_order_id",
        string="Deposits",
        readonly=True,
    )
    deposit_count = fields.Integer(
        compute="_compute_deposit_amounts",
        compute_sudo=True,
    )
    deposit_amount_received = fields.Monetary(
        string="Deposits Received",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Money received on the posted deposits of this order, in the order's currency "
        "(at each deposit's date), less what was refunded, forfeited or applied to invoices "
        "of other orders. Reversed deposits do not count.",
    )
    deposit_amount_due = fields.Monetary(
        string="Amount Due after Deposits",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Order total minus the deposits received and what its invoices show as paid "
        "by other means, never below zero; nothing for a cancelled order.",
    )
    deposit_amount_held = fields.Monetary(
        string="Deposits Held",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Unapplied balance of the order's deposits, in the order's currency: money the "
        "company still owes the customer on this order.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_suggested_amount(self):
        """Amount proposed when registering a deposit: what the order's online prepayment
        still asks for when one is required, otherwise what is left to pay after deposits."""
        self.ensure_one()
        if self.require_payment and self.prepayment_percent:
            missing = self._get_prepayment_required_amount() - self.deposit_amount_received
            if self.currency_id.compare_amounts(missing, 0.0) > 0:
                return self.currency_id.round(missing)
        return super()._get_deposit_suggested_amount()

    def _get_deposit_ref(self):
        self.ensure_one()
        return self.client_order_ref or self.name

    def _check_deposit_order_open(self):
        self.ensure_one()
        if self.state not in ("draft", "sent", "sale"):
            raise UserError(
                _(
                    "Order %s is cancelled: a deposit can only be registered on a quotation "
                    "or a confirmed order. Set it back to quotation first.",
                    self.name,
                )
            )

    def _get_deposit_side_error(self):
        return _(
            "A vendor deposit cannot be linked to sales order %s: only customer deposits are "
            "taken on sales orders.",
            self.name,
        )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_cancel(self):
        """Before cancelling an order whose posted deposits still hold money, open the
        deposit cancellation dialog (``_get_deposit_cancel_action``)."""
        return self._get_deposit_cancel_action() or super().action_cancel()

    def _cancel_after_deposit_choice(self):
        return self.with_context(
            deposit_cancel_checked=True, disable_cancel_warning=True
        ).action_cancel()

    def _action_cancel(self):
        self._cancel_draft_deposits()
        return super()._action_cancel()
