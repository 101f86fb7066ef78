# Copyright 2026 customer_deposit contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vendor Deposits on Purchase Orders",
    "summary": "Pay a vendor deposit from a purchase order, see what is still due, and have "
    "the order's bills use its deposits",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "website": "https://github.com/customer-deposit/customer_deposit",
    "author": "customer_deposit contributors",
    "maintainers": ["customer-deposit"],
    "license": "LGPL-3",
    "images": [
        "static/description/purchase_order.png",
        "static/description/bill_deposit_applied.png",
    ],
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["customer_deposit", "purchase"],
    "data": [
        "security/customer_deposit_purchase_security.xml",
        "security/ir.model.access.csv",
        "report/purchase_order_templates.xml",
        "wizard/customer_deposit_register_views.xml",
        "wizard/purchase_order_deposit_cancel_views.xml",
        "views/customer_deposit_views.xml",
        "views/purchase_order_views.xml",
    ],
    "demo": [
        "demo/customer_deposit_purchase_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "customer_deposit_purchase/static/tests/tours/**/*",
        ],
    },
}
