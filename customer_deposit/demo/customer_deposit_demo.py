# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CustomerDepositDemo(models.AbstractModel):
    """The furniture shop's demo deposits, built through the public API (the demo XML and
    the chart of accounts' loading call ``_create_deposits``)."""

    _name = "customer.deposit.demo"
    _description = "Customer Deposit Demo Data"

    @api.model
    def _create_deposits(self, company=None):
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
            (
                "demo_deposit_oakline",
                {
                    "partner_id": ref("customer_deposit.partner_oakline").id,
                    "sale_order_id": ref("customer_deposit.order_oakline_table").id,
                    "amount": 1800.0,
                    "payment_reference": "Cheque 004512",
                    "ref": "50% deposit, oak dining table",
                    "date": today - relativedelta(days=40),
                },
                "post",
            ),
            (
                "demo_deposit_maple",
                {
                    "partner_id": ref("customer_deposit.partner_maple_birch").id,
                    "sale_order_id": ref("customer_deposit.order_maple_benches").id,
                    "amount": 2500.0,
                    "payment_reference": "Wire MB-2291",
                    "ref": "Deposit for bench seating",
                    "date": today - relativedelta(days=12),
                },
                "post",
            ),
            (
                "demo_deposit_jordan",
                {
                    "partner_id": ref("customer_deposit.partner_jordan").id,
                    "amount": 400.0,
                    "payment_reference": "Cash receipt 77",
                    "ref": "Holding deposit, bookcase design",
                    "date": today,
                },
                "draft",
            ),
            (
                "demo_deposit_oakline_cancelled",
                {
                    "partner_id": ref("customer_deposit.partner_oakline").id,
                    "amount": 300.0,
                    "payment_reference": "Cheque 004498",
                    "ref": "Entered twice by mistake",
                    "date": today - relativedelta(days=41),
                },
                "cancel",
            ),
        ]
        specs += [
            (
                "demo_deposit_harbor",
                {
                    "partner_id": ref("customer_deposit.partner_harbor").id,
                    "sale_order_id": ref("customer_deposit.order_harbor_tables").id,
                    "amount": 1000.0,
                    "payment_reference": "Cheque 1187",
                    "ref": "Deposit, terrace tables",
                    "date": today - relativedelta(days=75),
                },
                "post",
            ),
            (
                "demo_deposit_cedar_refunded",
                {
                    "partner_id": ref("customer_deposit.partner_cedar").id,
                    "amount": 500.0,
                    "payment_reference": "Wire CE-77",
                    "ref": "Design deposit, project dropped",
                    "date": today - relativedelta(days=95),
                },
                "post",
            ),
            (
                "demo_deposit_cedar_forfeited",
                {
                    "partner_id": ref("customer_deposit.partner_cedar").id,
                    "amount": 250.0,
                    "payment_reference": "Cheque 2210",
                    "ref": "Non-refundable sample fee",
                    "date": today - relativedelta(days=120),
                },
                "post",
            ),
            (
                "demo_deposit_jordan_bounced",
                {
                    "partner_id": ref("customer_deposit.partner_jordan").id,
                    "amount": 300.0,
                    "payment_reference": "Cheque 0093",
                    "ref": "Deposit, bookcase",
                    "date": today - relativedelta(days=20),
                },
                "post",
            ),
        ]
        specs.append(
            (
                "demo_deposit_harbor_security",
                {
                    "partner_id": ref("customer_deposit.partner_harbor").id,
                    "deposit_type": "security",
                    "amount": 600.0,
                    "payment_reference": "Cheque 1201",
                    "ref": "Security deposit, loaned display chairs",
                    "date": today - relativedelta(days=30),
                },
                "post",
            )
        )
        if company.account_sale_tax_id:
            # An advance that declared the sales tax it includes when it was received.
            specs.append(
                (
                    "demo_deposit_maple_taxed",
                    {
                        "partner_id": ref("customer_deposit.partner_maple_birch").id,
                        "amount": 1150.0,
                        "tax_id": company.account_sale_tax_id.id,
                        "payment_reference": "Wire MB-2304",
                        "ref": "Advance for the reading chairs, tax included",
                        "date": today - relativedelta(days=5),
                    },
                    "post",
                )
            )
        Deposit = self.env["customer.deposit"]
        deposits = {}
        for xmlid, vals, action in specs:
            deposit = Deposit.with_company(company).create({**vals, "company_id": company.id})
            self.env["ir.model.data"]._update_xmlids(
                [
                    {
                        "xml_id": f"customer_deposit.{xmlid}",
                        "record": deposit,
                        "noupdate": True,
                    }
                ]
            )
            if action == "post":
                deposit.action_post()
            elif action == "cancel":
                deposit.action_cancel()
            deposits[xmlid] = deposit
        self._use_deposits(deposits, today)

    @api.model
    def _use_deposits(self, deposits, today):
        """Invoices paid by deposits, a refund, a forfeit and a bounced cheque."""
        maple_order = self.env.ref("customer_deposit.order_maple_benches")
        harbor_order = self.env.ref("customer_deposit.order_harbor_tables")
        invoices = maple_order._create_invoices() | harbor_order._create_invoices()
        invoices.invoice_date = today - relativedelta(days=5)
        invoices.action_post()
        deposits["demo_deposit_maple"].apply_to_invoice(maple_order.invoice_ids)
        deposits["demo_deposit_harbor"].apply_to_invoice(harbor_order.invoice_ids, amount=600.0)
        deposits["demo_deposit_cedar_refunded"].refund()
        deposits["demo_deposit_cedar_forfeited"].forfeit()
        deposits["demo_deposit_jordan_bounced"].reverse(
            reason="Cheque returned unpaid (NSF)", bounced=True
        )
