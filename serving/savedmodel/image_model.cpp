#include "serving/savedmodel/image_model.h"

#include "serving/savedmodel/graph_builder.h"
#include "serving/savedmodel/node_attrs.h"

namespace tfsk::serving::savedmodel {
namespace {

using tensorflow::DT_FLOAT;
using tensorflow::DT_INT32;
using tensorflow::DT_STRING;
using tensorflow::DT_UINT8;

}  // namespace

SavedModelToWrite ImageModel() {
  SavedModelToWrite model;
  model.proto.set_saved_model_schema_version(1);
  tensorflow::MetaGraphDef& mg = *model.proto.add_meta_graphs();
  mg.mutable_meta_info_def()->add_tags("serve");
  mg.mutable_meta_info_def()->set_tensorflow_git_version("tfsk image model writer");
  GraphBuilder g(mg.mutable_graph_def());
  mg.mutable_graph_def()->mutable_versions()->set_producer(27);

  g.Placeholder("image_bytes", DT_STRING, {-1});
  // The batch's one element as the scalar the decoders take.
  g.Const("scalar_shape", Int32Tensor({0}, {}));
  auto* scalar = g.Add("image", "Reshape", {"image_bytes", "scalar_shape"});
  SetType(scalar, "T", DT_STRING);
  SetType(scalar, "Tshape", DT_INT32);

  auto* decode = g.Add("decode", "DecodeImage", {"image"});
  SetInt(decode, "channels", 3);
  SetType(decode, "dtype", DT_UINT8);
  SetBool(decode, "expand_animations", false);
  auto* cast = g.Add("to_float", "Cast", {"decode"});
  SetType(cast, "SrcT", DT_UINT8);
  SetType(cast, "DstT", DT_FLOAT);
  g.Const("batch_axis", Int32Tensor({}, {0}));
  auto* batch = g.Add("pixels", "ExpandDims", {"to_float", "batch_axis"});
  SetType(batch, "T", DT_FLOAT);
  SetType(batch, "Tdim", DT_INT32);

  auto* gray = g.Add("decode_gray", "DecodeJpeg", {"image"});
  SetInt(gray, "channels", 1);
  auto* png = g.Add("encode_png", "EncodePng", {"decode_gray"});
  SetType(png, "T", DT_UINT8);
  SetInt(png, "compression", -1);
  auto* png_batch = g.Add("png_bytes", "ExpandDims", {"encode_png", "batch_axis"});
  SetType(png_batch, "T", DT_STRING);
  SetType(png_batch, "Tdim", DT_INT32);

  auto& sigs = *mg.mutable_signature_def();
  sigs["serving_default"] =
      SignatureOf("predict", {{"image_bytes", TensorInfoOf("image_bytes:0", DT_STRING, {-1})}},
                  {{"pixels", TensorInfoOf("pixels:0", DT_FLOAT, {-1, -1, -1, 3})}});
  sigs["to_png"] =
      SignatureOf("predict", {{"image_bytes", TensorInfoOf("image_bytes:0", DT_STRING, {-1})}},
                  {{"png_bytes", TensorInfoOf("png_bytes:0", DT_STRING, {-1})}});
  return model;
}

}  // namespace tfsk::serving::savedmodel
