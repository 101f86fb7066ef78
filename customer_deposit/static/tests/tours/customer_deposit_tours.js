/** @odoo-module */
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import {registry} from "@web/core/registry";

// 1. A billing user records a deposit from the customer form and posts it.
registry.category("web_tour.tours").add("customer_deposit_record_from_customer", {
    steps: () => [
        {
            content: "Open the customer's deposits",
            trigger: ".o_form_view button[name='action_view_deposits']",
            run: "click",
        },
        {
            content: "New deposit for this customer",
            trigger: ".o_list_view .o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "The customer is prefilled",
            trigger: ".o_form_view div[name='partner_id'] input:value(Tour Customer)",
        },
        {
            content: "Amount received",
            trigger: ".o_form_view div[name='amount'] input",
            run: "edit 750",
        },
        {
            content: "Cheque number",
            trigger: ".o_form_view div[name='payment_reference'] input",
            run: "edit Cheque 555",
        },
        {
            content: "Post",
            trigger: ".o_form_view .o_form_statusbar button[name='action_post']",
            run: "click",
        },
        {
            content: "The deposit is received and numbered",
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Received)",
        },
        {
            trigger: ".o_form_view .oe_title:contains(DEP/)",
        },
        {
            content: "Its unapplied balance is the amount received",
            trigger: ".o_form_view div[name='amount_residual']:contains(750.00)",
        },
    ],
});

// 3. A billing user applies two deposits to a posted invoice with the wizard.
registry.category("web_tour.tours").add("customer_deposit_apply_from_invoice", {
    steps: () => [
        {
            content: "Apply deposits to the invoice",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_open_deposit_apply_wizard']",
            run: "click",
        },
        {
            content: "Both deposits are offered, amounts filled",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(2)",
        },
        {
            trigger:
                ".modal .o_field_widget[name='line_ids'] .o_data_row:nth-child(2) td[name='amount']:contains(200.00)",
        },
        {
            content: "Nothing to warn about: both deposits are the customer's own",
            trigger: ".modal:not(:has(.alert-warning))",
        },
        {
            content: "Apply",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The invoice is paid",
            trigger: ".o_form_view .ribbon:contains(Paid)",
        },
        {
            content: "The deposits are listed on the invoice",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Deposits)",
            run: "click",
        },
        {
            content: "Both applications are listed",
            trigger:
                ".o_form_view div[name='deposit_application_ids'] .o_data_row:nth-child(2)",
        },
    ],
});

// 5. An accountant opens the unapplied deposits report as of a past date.
registry.category("web_tour.tours").add("customer_deposit_unapplied_report", {
    steps: () => [
        {
            content: "Open Reporting",
            trigger:
                ".o_main_navbar button[data-menu-xmlid='account.menu_finance_reports']",
            run: "click",
        },
        {
            content: "Unapplied deposits",
            trigger:
                ".o_popover a[data-menu-xmlid='customer_deposit.menu_customer_deposit_unapplied'], .dropdown-menu a[data-menu-xmlid='customer_deposit.menu_customer_deposit_unapplied']",
            run: "click",
        },
        {
            content: "As of a past date",
            trigger: ".modal div[name='as_of_date'] input",
            run: "edit 02/15/2017 && press Enter",
        },
        {
            content: "The total on that date ties to the account",
            trigger: ".modal div[name='report_total']:contains(1,000.00)",
        },
        {
            trigger: ".modal div[name='account_balance']:contains(1,000.00)",
        },
        {
            content: "View the lines",
            trigger: ".modal button[name='action_open_report']",
            run: "click",
        },
        {
            content: "One customer with its deposit",
            trigger: ".o_list_view .o_group_header:contains(Tour Customer)",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row td:contains(1,000.00)",
        },
    ],
});

// 2. A salesman registers a deposit from his sales order in the dialog; the order shows it.
registry.category("web_tour.tours").add("customer_deposit_register_from_order", {
    steps: () => [
        {
            content: "Register a deposit on the order",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_register_deposit']",
            run: "click",
        },
        {
            content: "The dialog names the order and proposes what is still due",
            trigger: ".modal div[name='sale_order_id']:contains(S0)",
        },
        {
            trigger: ".modal div[name='amount'] input:value(1,200.00)",
        },
        {
            content: "The amount has the focus",
            trigger: ".modal div[name='amount'] input",
            run() {
                if (document.activeElement !== this.anchor) {
                    throw new Error(
                        `The amount should have the focus, not ${document.activeElement.outerHTML}`
                    );
                }
            },
        },
        {
            content: "The customer pays part of it",
            trigger: ".modal div[name='amount'] input",
            run: "edit 1000",
        },
        {
            content: "Cheque number",
            trigger: ".modal div[name='payment_reference'] input",
            run: "edit Cheque 8812",
        },
        {
            content: "Post from the dialog",
            trigger: ".modal button[name='action_create_deposit']",
            run: "click",
        },
        {
            content: "Back on the order, which shows the deposit received",
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger:
                ".o_form_view button[name='action_view_deposits'] div[name='deposit_count']:contains(1)",
        },
        {
            trigger:
                ".o_form_view div[name='deposit_amount_received']:contains(1,000.00)",
        },
        {
            trigger: ".o_form_view div[name='deposit_amount_due']:contains(200.00)",
        },
    ],
});

// 4. An accountant refunds part of a deposit, then reverses another as a bounced cheque.
registry.category("web_tour.tours").add("customer_deposit_refund_and_bounce", {
    steps: () => [
        {
            content: "Refund",
            trigger: ".o_form_view .o_form_statusbar button:contains(Refund)",
            run: "click",
        },
        {
            content: "Refund part of the balance",
            trigger: ".modal div[name='amount'] input",
            run: "edit 150",
        },
        {
            trigger: ".modal footer button.btn-primary",
            run: "click",
        },
        {
            content:
                "The outgoing payment opens, ready to print or send; back to the deposit",
            trigger: ".o_breadcrumb .breadcrumb-item:not(.active) a:contains(DEP/)",
            run: "click",
        },
        {
            content: "The rest stays on the deposit",
            trigger: ".o_form_view div[name='amount_residual']:contains(250.00)",
        },
        {
            trigger: ".o_form_view div[name='amount_refunded']:contains(150.00)",
        },
        {
            content: "Back to the list",
            trigger:
                ".o_breadcrumb .breadcrumb-item:not(.active) a:contains(Customer Deposits)",
            run: "click",
        },
        {
            content: "Open the deposit whose cheque bounced",
            trigger: ".o_list_view .o_data_row td:contains(Cheque 0093)",
            run: "click",
        },
        {
            content: "Reverse",
            trigger: ".o_form_view .o_form_statusbar button:contains(Reverse)",
            run: "click",
        },
        {
            trigger: ".modal div[name='reason'] input",
            run: "edit Cheque returned unpaid (NSF)",
        },
        {
            content: "It is a bounced cheque",
            trigger: ".modal div[name='bounced'] input",
            run: "click",
        },
        {
            trigger: ".modal .alert-info:contains(returned cheque)",
        },
        {
            trigger: ".modal footer button[name='action_reverse']",
            run: "click",
        },
        {
            content: "The deposit is reversed",
            trigger: ".o_form_view .ribbon:contains(Reversed)",
        },
    ],
});

// 6. A billing user registers a deposit from the customer's form; the Deposits button counts
// what its list shows (not the cancelled draft).
registry.category("web_tour.tours").add("customer_deposit_register_from_customer", {
    steps: () => [
        {
            content: "The customer's deposits, in the Invoicing tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Invoicing)",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_register_deposit']",
            run: "click",
        },
        {
            content: "The customer is prefilled and the amount has the focus",
            trigger: ".modal div[name='partner_id'] input:value(Tour Customer)",
        },
        {
            trigger: ".modal div[name='amount'] input",
            run() {
                if (document.activeElement !== this.anchor) {
                    throw new Error(
                        `The amount should have the focus, not ${document.activeElement.outerHTML}`
                    );
                }
            },
        },
        {
            trigger: ".modal div[name='amount'] input",
            run: "edit 750",
        },
        {
            content: "Cheque number",
            trigger: ".modal div[name='payment_reference'] input",
            run: "edit Cheque 555",
        },
        {
            content: "Post from the dialog",
            trigger: ".modal button[name='action_create_deposit']",
            run: "click",
        },
        {
            content: "Back on the customer: one deposit, 750.00 held",
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger:
                ".o_form_view button[name='action_view_deposits'] div[name='deposit_balance']:contains(750.00)",
        },
        {
            trigger:
                ".o_form_view button[name='action_view_deposits'] div[name='deposit_count']:contains(1)",
        },
        {
            content: "The list shows what the button counts",
            trigger: ".o_form_view button[name='action_view_deposits']",
            run: "click",
        },
        {
            trigger: ".o_list_view .o_data_row:contains(Cheque 555)",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(2)))",
        },
    ],
});

// 7. The deposit statement printed from the customers list (Actions) and from the customer's
// form: the PDF is downloaded, no error.
registry.category("web_tour.tours").add("customer_deposit_statement_from_customers", {
    steps: () => [
        {
            content: "Find the customer in the list",
            trigger: ".o_list_view .o_searchview_input",
            run: "edit Tour Customer && press Enter",
        },
        {
            content: "Select it",
            trigger:
                ".o_list_view .o_data_row:contains(Tour Customer) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Actions > Deposit Statement",
            trigger: ".o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .o_menu_item:contains(Deposit Statement)",
            run: "click",
        },
        {
            content: "The selected customer is in the dialog",
            trigger: ".modal div[name='partner_ids'] .o_tag:contains(Tour Customer)",
        },
        {
            content: "Print",
            trigger: ".modal button[name='action_print']",
            run: "click",
        },
        {
            content: "Downloaded: the dialog closes, no error",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The list is reloaded, nothing selected: open the customer",
            trigger:
                ".o_list_view:not(:has(.o_list_record_selector input:checked)) .o_data_row .o_data_cell:contains(Tour Customer)",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Invoicing)",
            run: "click",
        },
        {
            content: "The customer's Deposit Statement button",
            trigger: ".o_form_view button:contains(Deposit Statement)",
            run: "click",
        },
        {
            trigger: ".modal div[name='partner_ids'] .o_tag:contains(Tour Customer)",
        },
        {
            trigger: ".modal button[name='action_print']",
            run: "click",
        },
        {
            content: "Downloaded: the dialog closes, no error",
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger: ".o_form_view div[name='deposit_balance']",
        },
    ],
});

// 8. Cancelling an order that holds a deposit: the dialog says how much and which deposits.
registry.category("web_tour.tours").add("customer_deposit_cancel_order", {
    steps: () => [
        {
            content: "Cancel the order",
            trigger: ".o_form_view .o_form_statusbar button[name='action_cancel']",
            run: "click",
        },
        {
            content: "The amount held on the order's deposits",
            trigger: ".modal div[name='amount_held']:contains(500.00)",
        },
        {
            content: "The deposit holding it",
            trigger: ".modal div[name='deposit_ids'] .o_data_row:contains(Cheque 4411)",
        },
        {
            trigger: ".modal div[name='deposit_ids'] .o_data_row:contains(DEP/)",
        },
        {
            content: "Keep the deposit with the customer and cancel",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order is cancelled",
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger:
                ".o_form_view .o_form_statusbar:not(:has(button[name='action_register_deposit']))",
        },
    ],
});

// 9. Paying an invoice while the customer holds a deposit: the Pay dialog says so and applies
// the deposit instead.
registry.category("web_tour.tours").add("customer_deposit_pay_notice", {
    steps: () => [
        {
            content: "Pay the invoice",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_register_payment']",
            run: "click",
        },
        {
            content: "The dialog says a deposit is available",
            trigger:
                ".modal .alert-warning div[name='deposit_available_amount']:contains(500.00)",
        },
        {
            trigger: ".modal .alert-warning .o_tag:contains(DEP/)",
        },
        {
            content: "Apply the deposit instead",
            trigger: ".modal button[name='action_apply_available_deposits']",
            run: "click",
        },
        {
            content: "Apply Deposits, filled with the deposit",
            trigger:
                ".modal .o_field_widget[name='line_ids'] .o_data_row td[name='amount']:contains(500.00)",
        },
        {
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The invoice is partly paid by the deposit",
            trigger: ".o_form_view .ribbon:contains(Partial)",
        },
    ],
});

// 10. A billing user pays a deposit from the vendor's form (no purchase app), then records
// and posts the vendor's bill and applies the deposit to it: the bill shows the deposit among
// its payments.
registry.category("web_tour.tours").add("customer_deposit_vendor_pay_and_apply", {
    steps: () => [
        {
            content: "The vendor's deposits, in the Invoicing tab",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Invoicing)",
            run: "click",
        },
        {
            trigger: ".o_form_view button[name='action_register_vendor_deposit']",
            run: "click",
        },
        {
            content:
                "The Pay a Deposit dialog names the vendor and asks the amount paid",
            trigger: ".modal div[name='partner_id'] input:value(Tour Vendor)",
        },
        {
            trigger: ".modal label:contains(Amount Paid)",
        },
        {
            trigger: ".modal div[name='amount'] input",
            run: "edit 600",
        },
        {
            content: "Transfer reference",
            trigger: ".modal div[name='payment_reference'] input",
            run: "edit TRF 2024",
        },
        {
            content: "Post from the dialog",
            trigger: ".modal button[name='action_create_deposit']",
            run: "click",
        },
        {
            content: "Back on the vendor: 600.00 paid in advance",
            trigger: "body:not(:has(.modal))",
        },
        {
            trigger:
                ".o_form_view button[name='action_view_vendor_deposits'] div[name='vendor_deposit_balance']:contains(600.00)",
        },
        {
            content: "Vendors > Bills",
            trigger:
                ".o_main_navbar button[data-menu-xmlid='account.menu_finance_payables']",
            run: "click",
        },
        {
            trigger:
                ".o_popover a[data-menu-xmlid='account.menu_action_move_in_invoice_type'], .dropdown-menu a[data-menu-xmlid='account.menu_action_move_in_invoice_type']",
            run: "click",
        },
        {
            content: "A new bill",
            trigger: ".o_list_view .o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "For the vendor",
            trigger: ".o_form_view div[name='partner_id'] input",
            run: "edit Tour Vendor",
        },
        {
            trigger: ".ui-menu-item a:contains(Tour Vendor)",
            run: "click",
        },
        {
            content: "Dated today",
            trigger: ".o_form_view div[name='invoice_date'] input",
            run: `edit ${luxon.DateTime.now().toFormat("MM/dd/yyyy")} && press Escape`,
        },
        {
            content: "One line of 1,000.00",
            trigger:
                ".o_form_view div[name='invoice_line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_form_view div[name='invoice_line_ids'] .o_selected_row [name='product_id'] input",
            run: "edit Tour Service",
        },
        {
            trigger: ".ui-menu-item a:contains(Tour Service)",
            run: "click",
        },
        {
            trigger:
                ".o_form_view div[name='invoice_line_ids'] .o_selected_row [name='price_unit'] input",
            run: "edit 1000",
        },
        {
            content: "Confirm the bill",
            trigger: ".o_form_view .o_form_statusbar button[name='action_post']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Posted)",
        },
        {
            content: "The vendor's deposit is offered: Apply Deposit",
            trigger:
                ".o_form_view .o_form_statusbar button[name='action_open_deposit_apply_wizard']",
            run: "click",
        },
        {
            content: "The deposit, for its whole balance",
            trigger:
                ".modal .o_field_widget[name='line_ids'] .o_data_row:contains(VDEP/) td[name='amount']:contains(600.00)",
        },
        {
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The bill is partly paid",
            trigger: "body:not(:has(.modal)) .o_form_view .ribbon:contains(Partial)",
        },
        {
            content: "The deposit is among its payments",
            trigger:
                ".o_form_view div[name='invoice_payments_widget'] tr:has(.o_payment_label):contains(600.00) .js_payment_info",
            run: "click",
        },
        {
            trigger: ".account_payment_popover .o_memo_content:contains(VDEP/)",
        },
        {
            content: "and in its Deposits tab, applied",
            trigger: ".o_form_view .o_notebook a.nav-link:contains(Deposits)",
            run: "click",
        },
        {
            trigger:
                ".o_form_view div[name='deposit_application_ids'] .o_data_row:contains(VDEP/):contains(Applied)",
        },
    ],
});

// A billing user records a taxed advance (the company taxes advances), sees the tax it
// includes before posting, posts it and prints the receipt: the invoice for a payment on
// account.
registry.category("web_tour.tours").add("customer_deposit_taxed_advance_receipt", {
    steps: () => [
        {
            content: "Customer",
            trigger: ".o_form_view div[name='partner_id'] input",
            run: "edit Tour Customer",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Tour Customer)",
            run: "click",
        },
        {
            content:
                "Amount received, tax included (Enter applies it: the tax is computed)",
            trigger: ".o_form_view div[name='amount'] input",
            run: "edit 120 && press Enter",
        },
        {
            content: "Cheque number",
            trigger: ".o_form_view div[name='payment_reference'] input",
            run: "edit Cheque 777",
        },
        {
            content: "The company's tax on advances is proposed",
            trigger: ".o_form_view div[name='tax_id'] input:value(VAT 20%)",
        },
        {
            content: "The tax it includes is shown before posting",
            trigger: ".o_form_view div[name='amount_tax']:contains(20.00)",
        },
        {
            trigger: ".o_form_view div[name='amount_untaxed']:contains(100.00)",
        },
        {
            content: "Post",
            trigger: ".o_form_view .o_form_statusbar button[name='action_post']",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains(Received)",
        },
        {
            content: "Print the receipt",
            trigger: ".o_form_view .o_form_statusbar button:contains(Print Receipt)",
            run: "click",
        },
        {
            content: "Printed: no error",
            trigger: ".o_form_view .oe_title:contains(DEP/)",
        },
        {
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
