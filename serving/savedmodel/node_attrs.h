#pragma once
// Setting one attr of a NodeDef under construction, for the models built in code (graph_builder,
// function_builder and the test models). Plain protobuf assembly.

#include <cstdint>
#include <initializer_list>
#include <string>

#include "serving/proto/graph.pb.h"

namespace tfsk::serving::savedmodel {

inline void SetType(tensorflow::NodeDef* n, const std::string& attr, tensorflow::DataType t) {
  (*n->mutable_attr())[attr].set_type(t);
}
inline void SetInt(tensorflow::NodeDef* n, const std::string& attr, std::int64_t v) {
  (*n->mutable_attr())[attr].set_i(v);
}
inline void SetBool(tensorflow::NodeDef* n, const std::string& attr, bool b) {
  (*n->mutable_attr())[attr].set_b(b);
}
inline void SetString(tensorflow::NodeDef* n, const std::string& attr, const std::string& s) {
  (*n->mutable_attr())[attr].set_s(s);
}
/// A list-of-types attr (While's T, If's Tin/Tout, a call's Tin/Tout).
inline void SetTypeList(tensorflow::NodeDef* n, const std::string& attr,
                        std::initializer_list<tensorflow::DataType> types) {
  auto* list = (*n->mutable_attr())[attr].mutable_list();
  for (auto t : types) list->add_type(t);
}
/// A function attr (a While's cond/body, a call's f) naming `function`.
inline void SetFunc(tensorflow::NodeDef* n, const std::string& attr, const std::string& function) {
  (*n->mutable_attr())[attr].mutable_func()->set_name(function);
}

}  // namespace tfsk::serving::savedmodel
