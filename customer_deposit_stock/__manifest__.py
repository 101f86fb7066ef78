# Copyright 2026 customer_deposit contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Deposits: Deliveries Wait for the Required Deposit",
    "summary": "A sales order's deliveries are validated only once the deposit it requires "
    "is received, unless a sales manager overrides",
    "version": "18.0.1.0.0",
    "category": "Inventory/Delivery",
    "website": "https://github.com/customer-deposit/customer_deposit",
    "author": "customer_deposit contributors",
    "maintainers": ["customer-deposit"],
    "license": "LGPL-3",
    "application": False,
    "installable": True,
    "auto_install": True,
    "depends": ["customer_deposit", "sale_stock"],
    "data": [],
}
