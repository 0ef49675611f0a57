#include "predict/Hypergeometric.h"

#include <boost/math/special_functions/hypergeometric_pFq.hpp>

#include <stdexcept>

namespace clv {

double hyp2f1(double a, double b, double c, double z)
{
    try {
        return boost::math::hypergeometric_pFq({a, b}, {c}, z);
    } catch (const std::exception&) {
        return std::numeric_limits<double>::quiet_NaN();
    }
}

} // namespace clv
