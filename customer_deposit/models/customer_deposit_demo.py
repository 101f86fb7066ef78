# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CustomerDeposit(models.Model):
    _inherit = "customer.deposit"

    @api.model
    def _demo_create_deposits(self, company=None):
        """Demo deposits of the furniture shop, in several states. Needs the company's chart
        (and so runs again from the chart's demo loading); does nothing twice."""
        company = company or self.env.company
        if company != self.env.ref("base.main_company", raise_if_not_found=False):
            return
        module = self.env["ir.module.module"].sudo().search([("name", "=", "customer_deposit")])
        if not module.demo or not company.chart_template:
            return
        company._customer_deposit_setup()  # demo data loads before the post_init_hook
        if self.env.ref("customer_deposit.demo_deposit_oakline", raise_if_not_found=False):
            return
        today = fields.Date.context_today(self)
        ref = self.env.ref
        specs = [
            ("demo_deposit_oakline", {
                "partner_id": ref("customer_deposit.partner_oakline").id,
                "sale_order_id": ref("customer_deposit.order_oakline_table").id,
                "amount": 1800.0,
                "payment_reference": "Cheque 004512",
                "ref": "50% deposit, oak dining table",
                "date": today - relativedelta(days=40),
            }, "post"),
            ("demo_deposit_maple", {
                "partner_id": ref("customer_deposit.partner_maple_birch").id,
                "sale_order_id": ref("customer_deposit.order_maple_benches").id,
                "amount": 2500.0,
                "payment_reference": "Wire MB-2291",
                "ref": "Deposit for bench seating",
                "date": today - relativedelta(days=12),
            }, "post"),
            ("demo_deposit_jordan", {
                "partner_id": ref("customer_deposit.partner_jordan").id,
                "amount": 400.0,
                "payment_reference": "Cash receipt 77",
                "ref": "Holding deposit, bookcase design",
                "date": today,
            }, "draft"),
            ("demo_deposit_oakline_cancelled", {
                "partner_id": ref("customer_deposit.partner_oakline").id,
                "amount": 300.0,
                "payment_reference": "Cheque 004498",
                "ref": "Entered twice by mistake",
                "date": today - relativedelta(days=41),
            }, "cancel"),
        ]
        for xmlid, vals, action in specs:
            deposit = self.with_company(company).create({**vals, "company_id": company.id})
            self.env["ir.model.data"]._update_xmlids([{
                "xml_id": f"customer_deposit.{xmlid}",
                "record": deposit,
                "noupdate": True,
            }])
            if action == "post":
                deposit.action_post()
            elif action == "cancel":
                deposit.action_cancel()
