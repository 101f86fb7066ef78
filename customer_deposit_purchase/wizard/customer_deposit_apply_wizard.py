# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CustomerDepositApplyWizardLine(models.TransientModel):
    _inherit = "customer.deposit.apply.wizard.line"

    purchase_order_id = fields.Many2one(related="deposit_id.purchase_order_id")
