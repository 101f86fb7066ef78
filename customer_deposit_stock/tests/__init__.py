# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from . import test_delivery_deposit
from . import test_i18n
