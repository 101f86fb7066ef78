# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _post_load_data(self, template_code, company, template_data):
        # Loading a chart wipes the accounts and journals of a company without entries, and on
        # a fresh database charts load after our post_init_hook: create the deposit accounts
        # here, after every chart load (new companies included).
        res = super()._post_load_data(template_code, company, template_data)
        company = company or self.env.company
        company._customer_deposit_setup()
        self.env["customer.deposit.demo"]._create_deposits(company)
        return res
