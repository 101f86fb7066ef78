# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_purchase_deposit
from . import test_purchase_rights
from . import test_tours
from . import test_i18n
