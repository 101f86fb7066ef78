# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class PurchaseOrder(models.Model):
    """Vendor deposits of a purchase order: what they hold and what is still due after them
    and after the bills already paid (customer.deposit.order.mixin), Pay Deposit, and the
    choice made for them when the order is cancelled."""

    _name = "purchase.order"
    _inherit = ["purchase.order", "customer.deposit.order.mixin"]
    _deposit_order_field = "purchase_order_id"
    _deposit_cancel_wizard = "purchase.order.deposit.cancel"

    deposit_ids = fields.One2many(
        comodel_name="customer.deposit",
        inverse_name="purchase_order_id",
        string="Vendor Deposits",
        readonly=True,
    )
    deposit_count = fields.Integer(
        compute="_compute_deposit_amounts",
        compute_sudo=True,
    )
    deposit_amount_received = fields.Monetary(
        string="Deposits Paid",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Money paid to the vendor on the posted deposits of this order, in the order's "
        "currency (at each deposit's date), less what the vendor refunded, what was forfeited "
        "and what was applied to bills of other orders. Reversed deposits do not count.",
    )
    deposit_amount_due = fields.Monetary(
        string="Amount Due after Deposits",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Order total minus the deposits paid and what its bills show as paid by other "
        "means, never below zero; nothing for a cancelled order.",
    )
    deposit_amount_held = fields.Monetary(
        string="Deposits Held",
        compute="_compute_deposit_amounts",
        compute_sudo=True,
        currency_field="currency_id",
        help="Unapplied balance of the order's deposits, in the order's currency: money the "
        "vendor still owes the company on this order (goods or a refund).",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_ref(self):
        self.ensure_one()
        return self.partner_ref or self.name

    def _check_deposit_order_open(self):
        self.ensure_one()
        if self.state == "cancel":
            raise UserError(
                _(
                    "Purchase order %s is cancelled: a deposit can only be paid on a request "
                    "for quotation or a confirmed order. Set it back to draft first.",
                    self.name,
                )
            )

    def _get_deposit_side_error(self):
        return _(
            "A customer deposit cannot be linked to purchase order %s: only vendor deposits "
            "are paid on purchase orders.",
            self.name,
        )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_cancel_with_deposits(self):
        """The order form's Cancel for an order whose posted deposits still hold money: ask
        first what happens to them (keep, get refunded, forfeit; the dialog then cancels the
        order), else Odoo's Cancel.

        Not an override of ``button_cancel``: purchase_stock's cancels the receipts before
        calling super, so a dialog returned from inside it would leave the receipts
        cancelled and the order not. Called from code, ``button_cancel`` keeps the deposits
        (the API's choice, as the dialog's "keep")."""
        return self._get_deposit_cancel_action() or self.button_cancel()

    def _cancel_after_deposit_choice(self):
        return self.button_cancel()

    def button_cancel(self):
        # RFQs merged into another keep their drafts, which follow them (_merge_alternative_po).
        if not self.env.context.get("deposit_merge"):
            self._cancel_draft_deposits()
        return super().button_cancel()

    def action_merge(self):
        # Odoo cancels the RFQs merged into another: their deposits, drafts included, move
        # to that RFQ.
        return super(PurchaseOrder, self.with_context(deposit_merge=True)).action_merge()

    def _merge_alternative_po(self, rfqs):
        """``rfqs`` were merged into this RFQ: so are their deposits (drafts and posted),
        whoever merges them, each logging where it went."""
        res = super()._merge_alternative_po(rfqs)
        deposits = rfqs.sudo().deposit_ids.filtered(lambda d: d.state != "cancel")
        if deposits:
            deposits.write({"purchase_order_id": self.id})
            deposits._post_history(
                _("Moved to %(order)s: its purchase order was merged into it."), order=self
            )
        return res
