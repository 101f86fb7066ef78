# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class CustomerDepositReverse(models.TransientModel):
    """Collects what ``customer.deposit.reverse`` needs and calls it."""

    _name = "customer.deposit.reverse"
    _description = "Reverse Customer Deposit"

    deposit_id = fields.Many2one(
        comodel_name="customer.deposit",
        required=True,
        readonly=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="deposit_id.company_id")
    opening_balance = fields.Boolean(related="deposit_id.opening_balance")
    reason = fields.Char(required=True, help="Written in the deposit's chatter.")
    bounced = fields.Boolean(
        string="Bounced Cheque",
        help="Cheque returned unpaid (NSF): the reversal's bank-side item stays open so the "
        "returned cheque's bank statement line can be matched with it. Leave unticked for a "
        "deposit entered by mistake.",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.env["customer.deposit"].browse(vals.get("deposit_id")).check_access("write")
        return super().create(vals_list)

    def action_reverse(self):
        self.ensure_one()
        self.deposit_id.reverse(reason=self.reason, bounced=self.bounced, date=self.date)
        return {"type": "ir.actions.act_window_close"}
