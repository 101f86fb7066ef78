# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools.misc import hmac


class PaymentLinkWizard(models.TransientModel):
    """Odoo's payment link dialog, opened by a sales order's Request Deposit button: it
    sends the link to the customer as a deposit request (``sale.order.request_deposit``)."""

    _inherit = "payment.link.wizard"

    def _prepare_access_token(self):
        """Odoo reads the database secret of the link's token through the HTTP request: a
        deposit request sent through the external API or by server code has none. The same
        token (``payment.utils.generate_access_token`` of a sales order's link) from the
        environment."""
        if self.res_model != "sale.order" or request:
            return super()._prepare_access_token()
        self.ensure_one()
        values = (self.partner_id.id, self.amount, self.currency_id.id)
        return hmac(self.env(su=True), "generate_access_token", "|".join(str(v) for v in values))

    def action_send_deposit_request(self):
        self.ensure_one()
        if self.res_model != "sale.order":
            raise UserError(_("Deposit requests are sent from sales orders only."))
        self.env["sale.order"].browse(self.res_id).request_deposit(self.amount)
        return {"type": "ir.actions.act_window_close"}
