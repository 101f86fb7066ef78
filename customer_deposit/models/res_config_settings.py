# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    deposit_account_id = fields.Many2one(
        related="company_id.deposit_account_id",
        readonly=False,
        check_company=True,
    )
    deposit_journal_id = fields.Many2one(
        related="company_id.deposit_journal_id",
        readonly=False,
        check_company=True,
    )
    deposit_forfeit_account_id = fields.Many2one(
        related="company_id.deposit_forfeit_account_id",
        readonly=False,
        check_company=True,
    )
    deposit_auto_apply = fields.Selection(
        related="company_id.deposit_auto_apply",
        readonly=False,
    )
