# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.tools.sql import column_exists, create_column


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    deposit_id = fields.Many2one(
        related="move_id.deposit_id",
        store=True,
        index="btree_not_null",
        string="Customer Deposit",
        help="The customer deposit of this item's journal entry.",
    )

    # -------------------------------------------------------------------------
    # LOW-LEVEL METHODS
    # -------------------------------------------------------------------------

    def _auto_init(self):
        # When the addon is installed no entry belongs to a deposit yet: create the column
        # empty instead of letting the ORM compute it for every journal item.
        if not column_exists(self.env.cr, "account_move_line", "deposit_id"):
            create_column(self.env.cr, "account_move_line", "deposit_id", "int4")
        return super()._auto_init()

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _create_exchange_difference_moves(self, exchange_diff_values_list):
        # An exchange difference booked on a deposit's lines belongs to that deposit, so that
        # its balance on a date is a sum over dated entries of the deposit.
        for values in exchange_diff_values_list:
            source_lines = self.browse()
            for line, _sequence in values["to_reconcile"]:
                source_lines |= line
            deposit = source_lines.move_id.deposit_id[:1]
            if deposit:
                values["move_values"].update(deposit_id=deposit.id, deposit_move_kind="exchange")
        return super()._create_exchange_difference_moves(exchange_diff_values_list)

    @api.model
    def action_view_deposit_entries(self):
        """Journal items on the deposit accounts and in the deposit transfer journals of the
        current companies, grouped by deposit."""
        companies = self.env.companies
        accounts = (
            companies.deposit_account_id
            | self.env["customer.deposit"]
            .search([("company_id", "in", companies.ids), ("deposit_account_id", "!=", False)])
            .deposit_account_id
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_account_moves_all")
        action.update(
            {
                "name": _("Deposit Entries"),
                "domain": [
                    "|",
                    ("account_id", "in", accounts.ids),
                    ("journal_id", "in", companies.deposit_journal_id.ids),
                ],
                "context": {
                    "search_default_posted": 1,
                    "search_default_group_by_deposit": 1,
                    "create": False,
                },
            }
        )
        return action
