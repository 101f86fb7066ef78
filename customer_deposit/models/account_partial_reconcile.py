# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    @api.ondelete(at_uninstall=False)
    def _unlink_except_deposit_matching(self):
        (self.debit_move_id | self.credit_move_id)._check_deposit_unreconcile()
