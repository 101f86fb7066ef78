# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import column_exists, create_column, index_exists

from .deposit_guard import addon_writes, is_addon_write, refuse_maintained

# Covering index of the deposits' posted items (see ``init``): the report's balances.
DEPOSIT_BALANCE_INDEX = "account_move_line_customer_deposit_balance_idx"

# Fields of a posted deposit entry's items that only the addon (and Odoo's engine inside the
# addon's operations) changes; matching numbers and full reconciliations stay free, so that
# bank statement lines can be matched with a deposit payment.
LOCKED_ITEM_FIELDS = {
    "account_id",
    "partner_id",
    "move_id",
    "date",
    "company_id",
    "currency_id",
    "balance",
    "debit",
    "credit",
    "amount_currency",
    "amount_residual",
    "amount_residual_currency",
    "reconciled",
    "tax_ids",
    "tax_line_id",
    "display_type",
}


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

    def init(self):
        res = super().init()
        # The deposits' posted items with what their balances are summed from: the
        # Unapplied Deposits report and its tie-out read it alone (an index-only scan in
        # deposit order) instead of every journal item and entry. Partial: only items of
        # deposit entries, a small part of the journal.
        if not index_exists(self.env.cr, DEPOSIT_BALANCE_INDEX):
            self.env.cr.execute(
                SQL(
                    """
                    CREATE INDEX %s ON account_move_line (deposit_id, account_id, date)
                    INCLUDE (balance, amount_currency, currency_id)
                    WHERE deposit_id IS NOT NULL AND parent_state = 'posted'
                    """,
                    SQL.identifier(DEPOSIT_BALANCE_INDEX),
                )
            )
        return res

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            refuse_maintained(
                self,
                {"deposit_id"} if vals.get("deposit_id") else set(),
                _("Journal items belong to a deposit through their entry."),
            )
        if not is_addon_write():
            moves = self.env["account.move"].browse(
                {vals["move_id"] for vals in vals_list if vals.get("move_id")}
            )
            moves.filtered(lambda move: move.state == "posted")._check_not_deposit_entry()
        return super().create(vals_list)

    def write(self, vals):
        refuse_maintained(
            self,
            {"deposit_id"}.intersection(vals),
            _("Journal items belong to a deposit through their entry."),
        )
        if not is_addon_write() and LOCKED_ITEM_FIELDS.intersection(vals):
            # Odoo guards posted items through their entry only: the amounts, account,
            # partner and matching state of a deposit's items are the deposit's ledger.
            self.filtered(
                lambda line: line.move_id.deposit_id and line.parent_state == "posted"
            ).move_id._check_not_deposit_entry()
        return super().write(vals)

    def _is_deposit_controlled(self):
        """Items whose matching is the deposit's story: an entry's item on its deposit's
        account, and the receivable item of an application (matched with the invoice)."""
        self.ensure_one()
        move = self.move_id
        return bool(move.deposit_id) and (
            self.account_id == move.deposit_id.deposit_account_id
            or move.deposit_move_kind == "apply"
        )

    def remove_move_reconcile(self):
        self._check_deposit_unreconcile()
        return super().remove_move_reconcile()

    def _check_deposit_unreconcile(self):
        """Matching on a deposit's items is undone from the deposit (unapply, reverse), never
        by hand: the deposit's balance and applications are read from it."""
        if is_addon_write():
            return
        controlled = self.filtered(
            lambda line: (
                line._is_deposit_controlled()
                and (line.matched_debit_ids or line.matched_credit_ids)
            )
        )
        if controlled:
            raise UserError(
                _(
                    "%(entries)s belong to deposit %(deposits)s: their matching is "
                    "undone from the deposit (Unapply on its application, Reverse, Refund), "
                    "not by unreconciling.",
                    entries=", ".join(controlled.move_id.mapped("display_name")),
                    deposits=", ".join(controlled.move_id.deposit_id.mapped("display_name")),
                )
            )

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
        with addon_writes():
            return super()._create_exchange_difference_moves(exchange_diff_values_list)

    @api.model
    def action_view_deposit_entries(self):
        """Journal items on the deposit accounts and in the deposit journals of the
        current companies, grouped by deposit."""
        companies = self.env.companies
        accounts = companies._get_deposit_accounts(partner_type=None)
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_account_moves_all")
        action.update(
            {
                "name": _("Deposit Entries"),
                "display_name": _("Deposit Entries"),
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
