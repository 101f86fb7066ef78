# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..report.customer_deposit_unapplied_report import AS_OF_DATE_KEY, COMPANIES_KEY

# The tie-out fields of each side, in DEPOSIT_SIDES order (the tie-out query's columns):
# (report total, account balance, difference).
TIE_OUT_FIELDS = {
    "customer": ("report_total", "account_balance", "difference"),
    "supplier": ("vendor_report_total", "vendor_account_balance", "vendor_difference"),
}


class CustomerDepositUnappliedWizard(models.TransientModel):
    """Asks the as-of date and company of the Unapplied Deposits report and shows its
    tie-out on that date, per side: customer deposits with the deposit liability account,
    vendor deposits with the vendor deposit asset account."""

    _name = "customer.deposit.unapplied.wizard"
    _description = "Unapplied Customer Deposits: Report Options"

    as_of_date = fields.Date(
        string="As of",
        required=True,
        default=fields.Date.context_today,
        help="Deposits are shown with their balance at the end of this day, from the entries "
        "dated on or before it.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
        help="The company and its branches.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    report_total = fields.Monetary(
        string="Unapplied Deposits Total",
        currency_field="company_currency_id",
        compute="_compute_tie_out",
        help="Total of the report's customer deposits in company currency.",
    )
    account_balance = fields.Monetary(
        string="Deposit Account Balance",
        currency_field="company_currency_id",
        compute="_compute_tie_out",
        help="Credit balance of the deposit account(s) on the as-of date, all posted entries.",
    )
    difference = fields.Monetary(
        currency_field="company_currency_id",
        compute="_compute_tie_out",
        help="Account balance minus report total: entries on the deposit account that belong "
        "to no deposit, such as a manual journal entry.",
    )
    account_names = fields.Char(
        string="Deposit Accounts",
        compute="_compute_account_names",
        help="The accounts the customer deposits tie to: the deposit liability accounts, "
        "which hold the money received, tax included. The tax declared on deposits is on "
        "its own account and is not part of the tie-out.",
    )
    vendor_report_total = fields.Monetary(
        string="Unapplied Vendor Deposits Total",
        currency_field="company_currency_id",
        compute="_compute_tie_out",
        help="Total of the report's vendor deposits in company currency.",
    )
    vendor_account_balance = fields.Monetary(
        string="Vendor Deposit Account Balance",
        currency_field="company_currency_id",
        compute="_compute_tie_out",
        help="Debit balance of the vendor deposit account(s) on the as-of date, all posted "
        "entries.",
    )
    vendor_difference = fields.Monetary(
        currency_field="company_currency_id",
        compute="_compute_tie_out",
        help="Account balance minus report total: entries on the vendor deposit account that "
        "belong to no deposit, such as a manual journal entry.",
    )

    vendor_account_names = fields.Char(
        string="Vendor Deposit Accounts",
        compute="_compute_account_names",
        help="The accounts the vendor deposits tie to: the vendor deposit asset accounts, "
        "which hold the money paid, tax included.",
    )

    # -------------------------------------------------------------------------
    # HELPERS
    # -------------------------------------------------------------------------

    def _get_companies(self):
        """The chosen company and its branches the user may see."""
        self.ensure_one()
        if self.company_id not in self.env.user.company_ids:
            raise UserError(_("Choose one of your companies to run the report."))
        return self.company_id._accessible_branches() | self.company_id

    def _get_difference_line_ids(self):
        """Posted items on the deposit accounts (both sides) up to the as-of date that the
        report does not count: their entry belongs to no deposit of these companies, or the
        item is not on its deposit's account."""
        self.ensure_one()
        companies = self._get_companies()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT line.id
                  FROM account_move_line line
                  JOIN account_move move ON move.id = line.move_id
                 WHERE line.parent_state = 'posted'
                   AND line.date <= %(as_of_date)s
                   AND line.company_id IN %(companies)s
                   AND line.account_id IN %(accounts)s
                   AND NOT EXISTS (
                       SELECT 1 FROM customer_deposit deposit
                        WHERE deposit.id = move.deposit_id
                          AND deposit.deposit_account_id = line.account_id
                          AND deposit.company_id IN %(companies)s)
                """,
                as_of_date=self.as_of_date,
                companies=tuple(companies.ids),
                accounts=tuple(companies._get_deposit_accounts(partner_type=None).ids) or (None,),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    # -------------------------------------------------------------------------
    # COMPUTE METHODS
    # -------------------------------------------------------------------------

    @api.depends("company_id")
    def _compute_account_names(self):
        for wizard in self:
            accounts = (
                wizard._get_companies()._get_deposit_accounts_by_side()
                if wizard.company_id in self.env.user.company_ids
                else {}
            )
            wizard.account_names = ", ".join(
                accounts.get("customer", self.env["account.account"]).mapped("display_name")
            )
            wizard.vendor_account_names = ", ".join(
                accounts.get("supplier", self.env["account.account"]).mapped("display_name")
            )

    @api.depends("as_of_date", "company_id")
    def _compute_tie_out(self):
        """One query: per side, the report total (the report's balances summed, from the
        same items) and the balance of the side's deposit accounts, both on the as-of date
        and positive (the liability's credit, the asset's debit)."""
        Report = self.env["customer.deposit.unapplied.report"]
        self.env.flush_all()
        for wizard in self:
            if not wizard.as_of_date or wizard.company_id not in self.env.user.company_ids:
                for names in TIE_OUT_FIELDS.values():
                    for name in names:
                        wizard[name] = 0.0
                continue
            companies = wizard._get_companies()
            self.env.cr.execute(
                Report._tie_out_query(
                    wizard.as_of_date, companies, companies._get_deposit_accounts_by_side()
                )
            )
            row = self.env.cr.fetchone()
            currency = wizard.company_id.currency_id
            for index, (total_field, balance_field, difference_field) in enumerate(
                TIE_OUT_FIELDS.values()
            ):
                report_total, account_balance = row[2 * index], row[2 * index + 1]
                wizard[total_field] = currency.round(report_total)
                wizard[balance_field] = currency.round(account_balance)
                wizard[difference_field] = currency.round(account_balance - report_total)

    # -------------------------------------------------------------------------
    # BUSINESS METHODS
    # -------------------------------------------------------------------------

    def _get_report_context(self):
        """Context computing the report lines for this as-of date and company."""
        self.ensure_one()
        return {
            AS_OF_DATE_KEY: fields.Date.to_string(self.as_of_date),
            COMPANIES_KEY: self._get_companies().ids,
        }

    def _get_report_lines(self):
        """The report lines (all of them: for the PDF), in the report's order."""
        return (
            self.env["customer.deposit.unapplied.report"]
            .with_context(**self._get_report_context())
            .search([])
        )

    def action_open_report(self):
        """Open the report lines for the as-of date (list, pivot, graph), grouped by
        partner (the Deposit Side column, filter and grouping tell the sides apart).
        Nothing is written: the views query the report on demand."""
        context = self._get_report_context()
        return {
            "type": "ir.actions.act_window",
            "name": _("Unapplied Deposits at %s", fields.Date.to_string(self.as_of_date)),
            "res_model": "customer.deposit.unapplied.report",
            "view_mode": "list,pivot,graph",
            "views": [(False, "list"), (False, "pivot"), (False, "graph")],
            "domain": [],
            "context": {**context, "search_default_groupby_partner": 1, "create": False},
            "target": "current",
        }

    def action_print(self):
        """Print the report lines (PDF), with the tie-out. Refused for a company the user
        does not have."""
        self._get_companies()
        return self.env.ref("customer_deposit.action_report_unapplied_deposits").report_action(self)

    def action_view_difference(self):
        """Journal items on the deposit account that the report does not count."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Deposit Account Items Without a Deposit"),
            "res_model": "account.move.line",
            "view_mode": "list,form",
            "views": [(self.env.ref("account.view_move_line_tree").id, "list"), (False, "form")],
            "domain": [("id", "in", self._get_difference_line_ids())],
            "context": {"create": False},
        }

    def _get_lines_by_partner(self, partner_type="customer"):
        """Report lines of ``partner_type`` grouped for the PDF: [(partner, lines, total in
        company currency)]."""
        self.ensure_one()
        lines = self._get_report_lines().filtered(lambda line: line.partner_type == partner_type)
        groups = {}
        for line in lines:
            # Start from ``lines.browse()``: the lines keep the as-of date of their context.
            groups.setdefault(line.partner_id, lines.browse())
            groups[line.partner_id] |= line
        return [(partner, lines, sum(lines.mapped("balance"))) for partner, lines in groups.items()]
