# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class CustomerDepositDemo(models.AbstractModel):
    """The furniture shop's vendor deposits on its timber purchase orders, through the
    public API: one still held by the order, one applied to the order's bill."""

    _inherit = "customer.deposit.demo"

    @api.model
    def _create_deposits(self, company=None):
        res = super()._create_deposits(company)
        self._create_purchase_deposits(company)
        return res

    @api.model
    def _create_purchase_deposits(self, company=None):
        """Vendor deposits paid on the demo purchase orders. Needs the company's chart (and
        so runs again from the chart's loading); does nothing twice."""
        company = company or self.env.company
        if company != self.env.ref("base.main_company", raise_if_not_found=False):
            return
        module = (
            self.env["ir.module.module"].sudo().search([("name", "=", "customer_deposit_purchase")])
        )
        ref = self.env.ref
        oak = ref("customer_deposit_purchase.order_northwood_oak", raise_if_not_found=False)
        if not module.demo or not company.chart_template or not oak:
            return
        if ref("customer_deposit_purchase.demo_vendor_deposit_oak", raise_if_not_found=False):
            return
        company._customer_deposit_setup()
        today = fields.Date.context_today(self)
        walnut = ref("customer_deposit_purchase.order_northwood_walnut")
        Deposit = self.env["customer.deposit"].with_company(company)
        deposits = {}
        for xmlid, order, amount, reference, days in (
            ("demo_vendor_deposit_oak", oak, 1440.0, "Wire NW-0412", 10),
            ("demo_vendor_deposit_walnut", walnut, 650.0, "Wire NW-0388", 30),
        ):
            deposit = Deposit.create(
                {
                    "partner_type": "supplier",
                    "partner_id": order.partner_id.id,
                    "purchase_order_id": order.id,
                    "company_id": company.id,
                    "amount": amount,
                    "payment_reference": reference,
                    "ref": order.partner_ref,
                    "date": today - relativedelta(days=days),
                }
            )
            self.env["ir.model.data"]._update_xmlids(
                [
                    {
                        "xml_id": f"customer_deposit_purchase.{xmlid}",
                        "record": deposit,
                        "noupdate": True,
                    }
                ]
            )
            deposit.action_post()
            deposits[xmlid] = deposit
        # The walnut order is billed: its deposit pays half of the bill.
        walnut.action_create_invoice()
        bill = walnut.invoice_ids
        bill.invoice_date = today - relativedelta(days=5)
        bill.action_post()
        if not bill.deposit_application_ids:
            deposits["demo_vendor_deposit_walnut"].apply_to_invoice(bill)
