# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: the deposit transfer journal's code was DEP, so its entries (DEP/2026/12/0002)
looked like deposit numbers (DEP/2026/00003). Give it its own code; entries already posted
keep their numbers, new ones are numbered DTR/..."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for company in env["res.company"].search([("deposit_journal_id.code", "=", "DEP")]):
        journal = company.deposit_journal_id
        used = set(
            env["account.journal"]
            .with_context(active_test=False)
            .search([("company_id", "=", journal.company_id.id)])
            .mapped("code")
        )
        code = next(
            (c for c in ["DTR"] + [f"DTR{i}" for i in range(2, 100)] if c not in used), None
        )
        if code:
            journal.code = code
