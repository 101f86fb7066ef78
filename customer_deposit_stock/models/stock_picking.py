# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError


class StockPicking(models.Model):
    """A sales order's deliveries wait for the deposit it requires: validating an outgoing
    transfer of an order whose required deposit is missing is refused, unless a sales
    manager does it (noted on the transfer and the order). The rule is in ``_action_done``,
    where every validation ends (the Validate button, its backorder and immediate-transfer
    dialogs, server code); ``button_validate`` says it before those dialogs open."""

    _inherit = "stock.picking"

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_waiting_pickings(self):
        """Outgoing transfers not done yet of sales orders whose required deposit is
        missing (read as superuser: a warehouse user need not read sales orders)."""
        return self.filtered(
            lambda picking: (
                picking.picking_type_code == "outgoing"
                and picking.state not in ("done", "cancel")
                and picking.sudo().sale_id
                and picking.sudo().sale_id._is_deposit_required_missing()
            )
        )

    def _check_deposit_requirement_delivery(self):
        """Refuse validating deliveries whose order's required deposit is missing unless
        the user may override (the sales manager who may confirm such an order); return
        the deliveries the user validates without their deposit."""
        waiting = self._get_deposit_waiting_pickings()
        if waiting and not self.env["sale.order"]._can_override_deposit_requirement():
            picking = waiting[0]
            raise UserError(
                _(
                    "Delivery %(picking)s cannot be validated before order %(order)s holds "
                    "the deposit it requires: %(required)s required, %(received)s received, "
                    "%(missing)s missing. Register the missing deposit on the order, or ask "
                    "a sales manager to validate the delivery without the deposit.",
                    picking=picking.name,
                    **picking.sudo().sale_id._get_deposit_requirement_figures(),
                )
            )
        return waiting

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def button_validate(self):
        self._check_deposit_requirement_delivery()
        return super().button_validate()

    def _action_done(self):
        overridden = self._check_deposit_requirement_delivery()
        notes = {
            picking: picking.sudo().sale_id._get_deposit_requirement_figures()
            for picking in overridden
        }
        result = super()._action_done()
        for picking, figures in notes.items():
            body = _(
                "Delivery %(picking)s validated by %(user)s without the deposit order "
                "%(order)s requires: %(missing)s of the %(required)s required was missing "
                "(%(received)s received).",
                picking=picking.name,
                **figures,
            )
            picking.message_post(body=body, subtype_xmlid="mail.mt_note")
            picking.sale_id.message_post(body=body, subtype_xmlid="mail.mt_note")
        return result
