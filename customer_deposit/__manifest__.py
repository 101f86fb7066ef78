# Copyright 2026 customer_deposit contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Deposits",
    "summary": "Take money from customers before invoicing, hold it in a liability "
    "account and apply, refund, reverse or forfeit it with clean journal entries",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/customer-deposit/customer_deposit",
    "author": "customer_deposit contributors",
    "maintainers": ["customer-deposit"],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "depends": ["account", "sale_management"],
    "data": [
        "security/customer_deposit_security.xml",
        "security/ir.model.access.csv",
        "views/customer_deposit_views.xml",
        "views/account_move_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/customer_deposit_refund_views.xml",
        "wizard/customer_deposit_reverse_views.xml",
        "wizard/customer_deposit_forfeit_views.xml",
        "views/customer_deposit_endings_views.xml",
        "views/customer_deposit_menus.xml",
    ],
    "demo": [
        "demo/customer_deposit_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
}
