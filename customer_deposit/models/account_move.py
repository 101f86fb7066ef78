# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    deposit_id = fields.Many2one(
        comodel_name="customer.deposit",
        string="Customer Deposit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        check_company=True,
        help="The customer deposit this entry belongs to.",
    )
    deposit_move_kind = fields.Selection(
        selection=[
            ("receipt", "Deposit Receipt"),
            ("apply", "Applied to Invoice"),
            ("unapply", "Application Undone"),
            ("credit", "Moved to Customer Credit"),
            ("refund", "Deposit Refund"),
            ("forfeit", "Deposit Forfeit"),
            ("reverse", "Receipt Reversal"),
            ("exchange", "Exchange Difference"),
        ],
        string="Deposit Entry Type",
        readonly=True,
        copy=False,
    )

    def _check_not_deposit_entry(self):
        if self.filtered("deposit_id") and not self.env.context.get("customer_deposit_internal"):
            raise UserError(
                _(
                    "Entry %(entries)s belongs to customer deposit %(deposits)s: posted deposit "
                    "entries are undone from the deposit (unapply, reverse), never reset or "
                    "cancelled.",
                    entries=", ".join(self.filtered("deposit_id").mapped("display_name")),
                    deposits=", ".join(self.deposit_id.mapped("display_name")),
                )
            )

    def button_draft(self):
        self._check_not_deposit_entry()
        return super().button_draft()

    def button_cancel(self):
        self._check_not_deposit_entry()
        return super().button_cancel()
