#pragma once
// Registration of the kernel families added after kernel.h's list (batch norm, depthwise
// convolution, padding, splitting, ...). Kernels() calls these too; they live in their own
// header so kernel.h, which the executor includes, stays unchanged when a family is added.

#include "serving/ops/kernel.h"

namespace tfsk::serving::ops {
void RegisterBatchNormOps(KernelRegistry& r);
void RegisterDepthwiseConvOps(KernelRegistry& r);
void RegisterPadOps(KernelRegistry& r);
void RegisterSplitOps(KernelRegistry& r);
void RegisterGatherNdOps(KernelRegistry& r);
void RegisterOneHotOps(KernelRegistry& r);
void RegisterScanOps(KernelRegistry& r);
void RegisterTopKOps(KernelRegistry& r);
void RegisterBroadcastToOps(KernelRegistry& r);
void RegisterReverseOps(KernelRegistry& r);
void RegisterWhereOps(KernelRegistry& r);
void RegisterEinsumOps(KernelRegistry& r);
void RegisterTrigOps(KernelRegistry& r);
void RegisterIntMathOps(KernelRegistry& r);
void RegisterResizeOps(KernelRegistry& r);
void RegisterCheckOps(KernelRegistry& r);
void RegisterConvTransposeOps(KernelRegistry& r);
void RegisterBandPartOps(KernelRegistry& r);
void RegisterFakeQuantOps(KernelRegistry& r);
void RegisterUnravelIndexOps(KernelRegistry& r);
void RegisterDynamicPartitionOps(KernelRegistry& r);
void RegisterQuantizeDequantizeOps(KernelRegistry& r);
void RegisterDepthSpaceOps(KernelRegistry& r);
void RegisterSpaceBatchOps(KernelRegistry& r);
void RegisterScatterNdOps(KernelRegistry& r);
void RegisterSegmentOps(KernelRegistry& r);
void RegisterNmsOps(KernelRegistry& r);
void RegisterLinSpaceOps(KernelRegistry& r);
void RegisterUniqueOps(KernelRegistry& r);
void RegisterConv3DOps(KernelRegistry& r);
void RegisterBucketOps(KernelRegistry& r);
void RegisterRollOps(KernelRegistry& r);
void RegisterLrnOps(KernelRegistry& r);
void RegisterListOps(KernelRegistry& r);
void RegisterTensorArrayOps(KernelRegistry& r);
void RegisterLookupOps(KernelRegistry& r);
void RegisterStringOps(KernelRegistry& r);
void RegisterAsStringOps(KernelRegistry& r);
void RegisterRegexOps(KernelRegistry& r);
void RegisterSubstrOps(KernelRegistry& r);
void RegisterImageCodecOps(KernelRegistry& r);
void RegisterRaggedOps(KernelRegistry& r);
void RegisterHashBucketOps(KernelRegistry& r);
void RegisterSparseOps(KernelRegistry& r);
void RegisterDiagOps(KernelRegistry& r);
void RegisterLinalgOps(KernelRegistry& r);
void RegisterSpecialMathOps(KernelRegistry& r);
void RegisterCropResizeOps(KernelRegistry& r);
void RegisterScaleTranslateOps(KernelRegistry& r);
void RegisterImagePatchOps(KernelRegistry& r);
void RegisterColorOps(KernelRegistry& r);
void RegisterCombinedNmsOps(KernelRegistry& r);
void RegisterArgmaxPoolOps(KernelRegistry& r);
void RegisterDilationOps(KernelRegistry& r);
void RegisterDrawBoxesOps(KernelRegistry& r);
void RegisterBase64Ops(KernelRegistry& r);
void RegisterReduceJoinOps(KernelRegistry& r);
void RegisterStringNGramsOps(KernelRegistry& r);
void RegisterStringSplitOps(KernelRegistry& r);
void RegisterFingerprintOps(KernelRegistry& r);
void RegisterStringFormatOps(KernelRegistry& r);
void RegisterLoggingOps(KernelRegistry& r);
void RegisterExtraMathOps(KernelRegistry& r);
void RegisterReinterpretOps(KernelRegistry& r);
void RegisterDecodeCsvOps(KernelRegistry& r);
void RegisterSparseMatMulOps(KernelRegistry& r);
void RegisterSparseCrossOps(KernelRegistry& r);
void RegisterDecompositionOps(KernelRegistry& r);
}  // namespace tfsk::serving::ops
