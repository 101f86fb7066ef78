# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.deposit_sides import DEPOSIT_SIDES


class AccountPaymentRegister(models.TransientModel):
    """Odoo's Pay dialog says when the customer holds deposits not applied yet (on a bill:
    when the company already paid the vendor deposits), and offers to apply them to the
    invoice instead of collecting or paying the money again."""

    _name = "account.payment.register"
    _inherit = ["account.payment.register", "customer.deposit.available.mixin"]
    _deposit_available_depends = ("line_ids", "company_id", "payment_type", "partner_type")

    deposit_apply_invoice_id = fields.Many2one(
        comodel_name="account.move",
        string="Invoice to Apply Deposits To",
        compute="_compute_deposit_apply_invoice_id",
        compute_sudo=False,
        help="The one invoice or bill paid by this dialog, when deposits are available.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_deposit_invoices(self):
        """Invoices of the dialog's side that deposits could pay: the customer invoices it
        collects money for, or the vendor bills it pays."""
        self.ensure_one()
        side = DEPOSIT_SIDES.get(self.partner_type)
        if not side or self.payment_type != side["payment_type"]:
            return self.env["account.move"]
        return self.line_ids.move_id.filtered(lambda move: move.move_type == side["invoice_type"])

    def _get_deposit_available_scope(self):
        self.ensure_one()
        return (
            self._get_deposit_invoices().commercial_partner_id,
            self.company_id,
            self.partner_type if self.partner_type in DEPOSIT_SIDES else "customer",
        )

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("deposit_available_ids")
    def _compute_deposit_apply_invoice_id(self):
        for wizard in self:
            invoices = wizard._get_deposit_invoices()
            wizard.deposit_apply_invoice_id = (
                invoices if wizard.deposit_available_ids and len(invoices) == 1 else False
            )

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def action_apply_available_deposits(self):
        """Open Apply Deposits for the invoice instead of registering a payment."""
        self.ensure_one()
        invoice = self.deposit_apply_invoice_id
        if not invoice:
            raise UserError(
                _(
                    "Deposits are applied to one invoice at a time: open the invoice and use "
                    "Apply Deposit."
                )
            )
        return invoice.action_open_deposit_apply_wizard()
