#include <doctest/doctest.h>

#include "serving/ops/op_test_util.h"

namespace tfsk::serving {
using namespace testing;

namespace {
AttrMap Eq(const std::string& e) { return Attrs({{"equation", AttrValue::Str(e)}}); }
}  // namespace

TEST_SUITE("einsum ops") {
  TEST_CASE("matmul-like forms Keras EinsumDense emits") {
    OpRunner r;
    Tensor a = F({1, 2, 3, 4}, {2, 2});
    Tensor b = F({5, 6, 7, 8}, {2, 2});
    CHECK(Values<float>(r.One("Einsum", {a, b}, Eq("ab,bc->ac"))) ==
          std::vector<float>{19, 22, 43, 50});
    Tensor abd = r.One("Einsum", {F({1, 2, 3, 4}, {1, 2, 2}), b}, Eq("abc,cd->abd"));
    CHECK(abd.shape() == Shape{1, 2, 2});
    CHECK(Values<float>(abd) == std::vector<float>{19, 22, 43, 50});
    Tensor abde =
        r.One("Einsum", {F({1, 2}, {1, 1, 2}), F({1, 2, 3, 4}, {2, 2, 1})}, Eq("abc,cde->abde"));
    CHECK(abde.shape() == Shape{1, 1, 2, 1});
    CHECK(Values<float>(abde) == std::vector<float>{7, 10});
  }

  TEST_CASE("attention scores: abcd,aecd->acbe") {
    OpRunner r;
    // query [B=1, T=2, H=1, D=2], key [B=1, S=2, H=1, D=2] -> [B, H, T, S] of dot products.
    Tensor s = r.One("Einsum", {F({1, 2, 3, 4}, {1, 2, 1, 2}), F({5, 6, 7, 8}, {1, 2, 1, 2})},
                     Eq("abcd,aecd->acbe"));
    CHECK(s.shape() == Shape{1, 1, 2, 2});
    CHECK(Values<float>(s) == std::vector<float>{17, 23, 39, 53});
    // and back: scores [B,H,T,S] x value [B,S,H,D] -> [B,T,H,D]
    Tensor v = r.One("Einsum", {F({1, 0, 0, 1}, {1, 1, 2, 2}), F({5, 6, 7, 8}, {1, 2, 1, 2})},
                     Eq("acbe,aecd->abcd"));
    CHECK(v.shape() == Shape{1, 2, 1, 2});
    CHECK(Values<float>(v) == std::vector<float>{5, 6, 7, 8});
  }

  TEST_CASE("one operand: transpose and sums") {
    OpRunner r;
    Tensor a = F({1, 2, 3, 4, 5, 6}, {2, 3});
    CHECK(Values<float>(r.One("Einsum", {a}, Eq("ab->ba"))) ==
          std::vector<float>{1, 4, 2, 5, 3, 6});
    CHECK(Values<float>(r.One("Einsum", {a}, Eq("ab->a"))) == std::vector<float>{6, 15});
    Tensor total = r.One("Einsum", {a}, Eq("ab->"));
    CHECK(total.rank() == 0);
    CHECK(total.flat<float>()[0] == 21);
  }

  TEST_CASE("ellipsis, implicit output and broadcasting of size-1 ellipsis dims") {
    OpRunner r;
    Tensor b = F({5, 6, 7, 8}, {2, 2});
    Tensor e = r.One("Einsum", {F({1, 2, 3, 4}, {2, 1, 2}), b}, Eq("...b,bc->...c"));
    CHECK(e.shape() == Shape{2, 1, 2});
    CHECK(Values<float>(e) == std::vector<float>{19, 22, 43, 50});
    CHECK(Values<float>(r.One("Einsum", {F({1, 2, 3, 4}, {2, 2}), b}, Eq("ab,bc"))) ==
          std::vector<float>{19, 22, 43, 50});
    Tensor bc = r.One("Einsum", {F({1, 2, 3, 4}, {2, 1, 2}), F({5, 6}, {1, 2, 1})},
                      Eq("...ab,...bc->...ac"));
    CHECK(bc.shape() == Shape{2, 1, 1});
    CHECK(Values<float>(bc) == std::vector<float>{17, 39});
  }

  TEST_CASE("unsupported and malformed equations are named") {
    OpRunner r;
    Tensor a = F({1, 2, 3, 4}, {2, 2});
    CHECK(r.Error("Einsum", {a}, Eq("aa->a")) ==
          "Einsum with a repeated label within one operand (a diagonal): 'aa->a'");
    CHECK(r.Error("Einsum", {a, a, a}, Eq("ab,bc,cd->ad")) ==
          "Einsum with more than two operands: 'ab,bc,cd->ad'");
    CHECK(r.Error("Einsum", {a, F({1, 2, 3}, {3, 1})}, Eq("ab,bc->ac")) ==
          "Einsum: label 'b' has size 2 in the first operand and 3 in the second");
    CHECK(r.Error("Einsum", {a}, Eq("abc->a")) ==
          "Einsum equation 'abc->a' term 'abc' has 3 labels for an operand of rank 2");
    CHECK(r.Error("Einsum", {a}, Eq("ab->z")) ==
          "Einsum equation 'ab->z' has an output label that no operand has");
  }
}

}  // namespace tfsk::serving
