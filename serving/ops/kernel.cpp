#include "serving/ops/kernel.h"

#include <algorithm>

#include "serving/ops/op_families.h"

namespace tfsk::serving {

void KernelRegistry::Register(KernelDef def) {
  std::string op = def.op;
  kernels_[std::move(op)] = std::move(def);
}

const KernelDef* KernelRegistry::Find(std::string_view op) const {
  auto it = kernels_.find(std::string(op));
  return it == kernels_.end() ? nullptr : &it->second;
}

std::vector<std::string> KernelRegistry::OpNames() const {
  std::vector<std::string> names;
  names.reserve(kernels_.size());
  for (const auto& [name, def] : kernels_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

const KernelRegistry& Kernels() {
  static const KernelRegistry* registry = [] {
    auto* r = new KernelRegistry();
    ops::RegisterArrayOps(*r);
    ops::RegisterShapeOps(*r);
    ops::RegisterSliceOps(*r);
    ops::RegisterMathOps(*r);
    ops::RegisterCompareOps(*r);
    ops::RegisterMatMulOps(*r);
    ops::RegisterNnOps(*r);
    ops::RegisterConvOps(*r);
    ops::RegisterReductionOps(*r);
    ops::RegisterRandomOps(*r);
    ops::RegisterStateOps(*r);
    ops::RegisterIoOps(*r);
    ops::RegisterParseExampleOps(*r);
    ops::RegisterGatherOps(*r);
    ops::RegisterBatchNormOps(*r);
    ops::RegisterDepthwiseConvOps(*r);
    ops::RegisterPadOps(*r);
    ops::RegisterSplitOps(*r);
    ops::RegisterGatherNdOps(*r);
    ops::RegisterOneHotOps(*r);
    ops::RegisterScanOps(*r);
    ops::RegisterTopKOps(*r);
    ops::RegisterBroadcastToOps(*r);
    ops::RegisterReverseOps(*r);
    ops::RegisterWhereOps(*r);
    ops::RegisterEinsumOps(*r);
    ops::RegisterTrigOps(*r);
    ops::RegisterIntMathOps(*r);
    ops::RegisterResizeOps(*r);
    ops::RegisterCheckOps(*r);
    ops::RegisterConvTransposeOps(*r);
    ops::RegisterBandPartOps(*r);
    ops::RegisterFakeQuantOps(*r);
    ops::RegisterUnravelIndexOps(*r);
    ops::RegisterDynamicPartitionOps(*r);
    ops::RegisterQuantizeDequantizeOps(*r);
    ops::RegisterDepthSpaceOps(*r);
    ops::RegisterSpaceBatchOps(*r);
    ops::RegisterScatterNdOps(*r);
    ops::RegisterSegmentOps(*r);
    ops::RegisterNmsOps(*r);
    ops::RegisterLinSpaceOps(*r);
    ops::RegisterUniqueOps(*r);
    ops::RegisterConv3DOps(*r);
    ops::RegisterBucketOps(*r);
    ops::RegisterRollOps(*r);
    ops::RegisterLrnOps(*r);
    ops::RegisterListOps(*r);
    ops::RegisterTensorArrayOps(*r);
    ops::RegisterLookupOps(*r);
    ops::RegisterStringOps(*r);
    ops::RegisterAsStringOps(*r);
    ops::RegisterRegexOps(*r);
    ops::RegisterSubstrOps(*r);
    ops::RegisterImageCodecOps(*r);
    ops::RegisterRaggedOps(*r);
    ops::RegisterHashBucketOps(*r);
    ops::RegisterSparseOps(*r);
    ops::RegisterDiagOps(*r);
    ops::RegisterLinalgOps(*r);
    ops::RegisterSpecialMathOps(*r);
    ops::RegisterCropResizeOps(*r);
    ops::RegisterScaleTranslateOps(*r);
    ops::RegisterImagePatchOps(*r);
    ops::RegisterColorOps(*r);
    ops::RegisterCombinedNmsOps(*r);
    ops::RegisterArgmaxPoolOps(*r);
    ops::RegisterDilationOps(*r);
    ops::RegisterDrawBoxesOps(*r);
    ops::RegisterBase64Ops(*r);
    ops::RegisterReduceJoinOps(*r);
    ops::RegisterStringNGramsOps(*r);
    ops::RegisterStringSplitOps(*r);
    ops::RegisterFingerprintOps(*r);
    ops::RegisterStringFormatOps(*r);
    ops::RegisterLoggingOps(*r);
    ops::RegisterExtraMathOps(*r);
    ops::RegisterReinterpretOps(*r);
    ops::RegisterDecodeCsvOps(*r);
    ops::RegisterSparseMatMulOps(*r);
    ops::RegisterSparseCrossOps(*r);
    ops::RegisterDecompositionOps(*r);
    return r;
  }();
  return *registry;
}

}  // namespace tfsk::serving
