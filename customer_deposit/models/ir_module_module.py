# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, models
from odoo.exceptions import UserError


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def button_uninstall(self):
        """Refuse to uninstall customer_deposit (directly or through a module it depends on)
        while posted deposits exist: their journal entries would stay in the ledger, but the
        deposits, their applications and the link between entries and deposits would be
        lost."""
        modules = self | self.downstream_dependencies()
        if "customer_deposit" in modules.mapped("name"):
            posted = (
                self.env["customer.deposit"].sudo().search_count([("payment_move_id", "!=", False)])
            )
            if posted:
                raise UserError(
                    _(
                        "Customer Deposits cannot be uninstalled: %(count)s posted deposits "
                        "would lose their history and their link with their journal entries. "
                        "Keep the module installed (hide its menus with access rights if it "
                        "is no longer used).",
                        count=posted,
                    )
                )
        return super().button_uninstall()
