/// The GPU backend's kernels as CUDA C, compiled by NVRTC for the device's architecture on first use
/// (then loaded from the kernel cache). No headers: half precision is converted with PTX instructions,
/// so NVRTC needs nothing from a CUDA toolkit. Tensors are float32; GEMM operands are converted to fp16
/// on the way (tensor cores, fp32 accumulation in cuBLAS). Statistics are summed in double, as the CPU
/// backend does.
enum CUDAKernelSource {
    /// Every kernel's name, as `extern "C"` in `source`.
    static let kernelNames = [
        "to_half", "split_taps_half", "im2col_half", "unmerge", "add_broadcast", "fill_broadcast", "group_norm", "layer_norm",
        "activation", "geglu", "add", "add_in_place", "scale", "guidance", "unit_pixels", "permute", "copy_rows",
        "repeat_items", "upsample_nearest", "softmax_half", "small_attention",
    ]

    static let source = #"""
typedef unsigned short half_t;

__device__ __forceinline__ half_t to_h(float f) { half_t h; asm("cvt.rn.f16.f32 %0, %1;" : "=h"(h) : "f"(f)); return h; }

#define EACH(i, n) for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < (n); \
                        i += (long long)blockDim.x * gridDim.x)
/* For kernels that divide the index: 32-bit division is many times cheaper than 64-bit. The backend
   launches no kernel over 2³¹ elements. */
#define EACH32(i, n) for (unsigned i = blockIdx.x * blockDim.x + threadIdx.x; i < (unsigned)(n); i += blockDim.x * gridDim.x)

/* A sum over the block; every thread gets it. blockDim.x is a multiple of 32, at most 1024. */
__device__ double block_sum(double v) {
    __shared__ double partial[32];
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    __syncthreads();
    if (lane == 0) partial[warp] = v;
    __syncthreads();
    v = threadIdx.x < (blockDim.x >> 5) ? partial[threadIdx.x] : 0.0;
    if (warp == 0) for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    if (threadIdx.x == 0) partial[0] = v;
    __syncthreads();
    return partial[0];
}

extern "C" __global__ void to_half(const float* x, half_t* y, long long n) { EACH(i, n) y[i] = to_h(x[i]); }

/* Conv3d kernel [O, C, 3] (trailing 1×1 dropped) → three [O, C] taps, one per frame offset. */
extern "C" __global__ void split_taps_half(const float* k, half_t* taps, long long oc) {
    EACH(i, oc) {
        taps[i] = to_h(k[i * 3]);
        taps[oc + i] = to_h(k[i * 3 + 1]);
        taps[2 * oc + i] = to_h(k[i * 3 + 2]);
    }
}

/* Patches of `images` images [C, H, W] as [image][c·kh·kw][oy·ow], or with `merged` as [c·kh·kw][image][oy·ow]
   (one GEMM for every image), zero outside the input. */
extern "C" __global__ void im2col_half(const float* x, half_t* cols, int images, int channels, int height, int width,
                                       int kh, int kw, int stride, int pad_top, int pad_left, int out_h, int out_w,
                                       int merged) {
    unsigned plane = out_h * out_w, patch = channels * kh * kw;
    EACH32(i, images * patch * plane) {
        unsigned p = i % plane, rest = i / plane;
        unsigned r = rest % patch, n = rest / patch;
        int ox = p % out_w, oy = p / out_w;
        int kx = r % kw, ky = (r / kw) % kh, c = r / (kw * kh);
        int iy = oy * stride + ky - pad_top, ix = ox * stride + kx - pad_left;
        float v = (iy >= 0 && iy < height && ix >= 0 && ix < width)
            ? x[(((size_t)n * channels + c) * height + iy) * width + ix] : 0.0f;
        cols[merged ? ((size_t)r * images + n) * plane + p : i] = to_h(v);
    }
}

/* A merged convolution's product [O][image][plane] → [image][O][plane], plus the bias. */
extern "C" __global__ void unmerge(const float* product, float* out, const float* bias, int has_bias, int channels,
                                   int images, long long plane) {
    EACH32(i, (long long)channels * images * plane) {
        unsigned p = i % (unsigned)plane, rest = i / (unsigned)plane;
        unsigned o = rest % channels, n = rest / channels;
        out[i] = product[((size_t)o * images + n) * plane + p] + (has_bias ? bias[o] : 0.0f);
    }
}

/* y[i] += v[(i / inner) % period]: biases over rows or planes, per-channel values. */
extern "C" __global__ void add_broadcast(float* y, const float* v, long long n, long long inner, long long period) {
    EACH32(i, n) y[i] += v[(i / (unsigned)inner) % (unsigned)period];
}

extern "C" __global__ void fill_broadcast(float* y, const float* v, long long n, long long inner, long long period) {
    EACH32(i, n) y[i] = v[(i / (unsigned)inner) % (unsigned)period];
}

/* One block per (item, group); the group's channels are contiguous, `spatial` values each. */
extern "C" __global__ void group_norm(const float* x, float* y, const float* gamma, const float* beta,
                                      int channels, int groups, long long spatial, float eps, int silu) {
    int job = blockIdx.x, g = job % groups, per_group = channels / groups;
    long long size = per_group * spatial;
    const float* src = x + job * size;
    float* dst = y + job * size;
    double sum = 0.0;
    for (long long i = threadIdx.x; i < size; i += blockDim.x) sum += src[i];
    double mean = block_sum(sum) / (double)size;
    double squares = 0.0;
    for (long long i = threadIdx.x; i < size; i += blockDim.x) { double d = src[i] - mean; squares += d * d; }
    squares = block_sum(squares);
    float inverse = (float)(1.0 / sqrt(squares / (double)size + (double)eps));
    float mean_f = (float)mean;
    for (int c = 0; c < per_group; ++c) {
        int channel = g * per_group + c;
        float s = gamma[channel] * inverse, shift = beta[channel] - mean_f * s;
        const float* in = src + c * spatial;
        float* out = dst + c * spatial;
        for (long long i = threadIdx.x; i < spatial; i += blockDim.x) {
            float v = in[i] * s + shift;
            out[i] = silu ? v / (1.0f + expf(-v)) : v;
        }
    }
}

/* One block per row. */
extern "C" __global__ void layer_norm(const float* x, float* y, const float* gamma, const float* beta, int width, float eps) {
    const float* src = x + (long long)blockIdx.x * width;
    float* dst = y + (long long)blockIdx.x * width;
    double sum = 0.0;
    for (int i = threadIdx.x; i < width; i += blockDim.x) sum += src[i];
    float mean = (float)(block_sum(sum) / width);
    double squares = 0.0;
    for (int i = threadIdx.x; i < width; i += blockDim.x) { float d = src[i] - mean; squares += (double)d * d; }
    float inverse = 1.0f / sqrtf((float)(block_sum(squares) / width) + eps);
    for (int i = threadIdx.x; i < width; i += blockDim.x) dst[i] = (src[i] - mean) * inverse * gamma[i] + beta[i];
}

__device__ __forceinline__ float gelu_f(float v) { return 0.5f * v * (1.0f + erff(v * 0.70710678118654752f)); }

/* kind 0: SiLU, 1: GELU (erf), 2: quick GELU. */
extern "C" __global__ void activation(const float* x, float* y, long long n, int kind) {
    EACH(i, n) {
        float v = x[i];
        y[i] = kind == 0 ? v / (1.0f + expf(-v)) : kind == 1 ? gelu_f(v) : v / (1.0f + expf(-1.702f * v));
    }
}

extern "C" __global__ void geglu(const float* x, float* y, long long rows, int half) {
    EACH32(i, rows * half) {
        const float* row = x + (size_t)(i / half) * 2 * half;
        int j = i % half;
        y[i] = row[j] * gelu_f(row[half + j]);
    }
}

extern "C" __global__ void add(const float* a, const float* b, float* c, long long n) { EACH(i, n) c[i] = a[i] + b[i]; }
extern "C" __global__ void add_in_place(float* a, const float* b, long long n) { EACH(i, n) a[i] += b[i]; }
extern "C" __global__ void scale(const float* x, float* y, long long n, float s) { EACH(i, n) y[i] = x[i] * s; }

extern "C" __global__ void guidance(const float* p, float* y, long long half, float s) {
    EACH(i, half) y[i] = p[i] + s * (p[half + i] - p[i]);
}

extern "C" __global__ void unit_pixels(const float* x, float* y, long long n) {
    EACH(i, n) y[i] = fminf(fmaxf(x[i] * 0.5f + 0.5f, 0.0f), 1.0f);
}

/* Output dims and the input stride of each output axis. */
struct Layout { int rank; int dims[6]; long long strides[6]; };

extern "C" __global__ void permute(const float* x, float* y, long long n, Layout layout) {
    EACH32(i, n) {
        unsigned rest = i;
        long long offset = 0;
        for (int d = layout.rank - 1; d >= 0; --d) {
            offset += (rest % (unsigned)layout.dims[d]) * layout.strides[d];
            rest /= (unsigned)layout.dims[d];
        }
        y[i] = x[offset];
    }
}

extern "C" __global__ void copy_rows(const float* src, float* dst, long long rows, long long width,
                                     long long src_stride, long long dst_stride) {
    EACH32(i, rows * width) {
        size_t r = i / (unsigned)width, j = i % (unsigned)width;
        dst[r * dst_stride + j] = src[r * src_stride + j];
    }
}

extern "C" __global__ void repeat_items(const float* x, float* y, long long per_item, int times, long long n) {
    EACH32(i, n) y[i] = x[(size_t)(i / (unsigned)per_item / times) * per_item + i % (unsigned)per_item];
}

extern "C" __global__ void upsample_nearest(const float* x, float* y, long long planes, int h, int w, int out_h, int out_w,
                                           float scale_y, float scale_x) {
    EACH32(i, planes * out_h * out_w) {
        int ox = i % out_w;
        unsigned t = i / out_w;
        int oy = t % out_h;
        size_t p = t / out_h;
        int sy = min((int)((float)oy * scale_y), h - 1), sx = min((int)((float)ox * scale_x), w - 1);
        y[i] = x[(p * h + sy) * w + sx];
    }
}

/* One warp per row of scores; writes fp16 probabilities. Causal rows see keys up to their query index. */
extern "C" __global__ void softmax_half(const float* scores, half_t* probs, long long rows, int keys, int queries, int causal) {
    long long row = (blockIdx.x * (long long)blockDim.x + threadIdx.x) >> 5;
    int lane = threadIdx.x & 31;
    if (row >= rows) return;
    const float* x = scores + row * keys;
    half_t* out = probs + row * keys;
    int visible = causal ? min(keys, (int)(row % queries) + 1) : keys;
    float highest = -3.402823466e38f;
    for (int j = lane; j < visible; j += 32) highest = fmaxf(highest, x[j]);
    for (int o = 16; o > 0; o >>= 1) highest = fmaxf(highest, __shfl_xor_sync(0xffffffffu, highest, o));
    float total = 0.0f;
    for (int j = lane; j < visible; j += 32) total += expf(x[j] - highest);
    for (int o = 16; o > 0; o >>= 1) total += __shfl_xor_sync(0xffffffffu, total, o);
    float inverse = 1.0f / total;
    for (int j = lane; j < keys; j += 32) out[j] = to_h(j < visible ? expf(x[j] - highest) * inverse : 0.0f);
}

/* Attention over short sequences (temporal attention: one sequence of frames per pixel) in one kernel, in
   float32: one block per (sequence, head) holds its queries, keys, values and scores in shared memory,
   rows padded by one float so that threads reading different keys hit different banks. */
extern "C" __global__ void small_attention(const float* q, const float* k, const float* v, float* out, int queries,
                                           int keys, int width, int heads, int head_dim, float scale, int causal) {
    extern __shared__ float tile[];
    int ld = head_dim + 1;
    float* sq = tile;
    float* sk = sq + queries * ld;
    float* sv = sk + keys * ld;
    float* s = sv + keys * ld;
    int b = blockIdx.x / heads, h = blockIdx.x % heads;
    size_t q_base = (size_t)b * queries * width + h * head_dim, k_base = (size_t)b * keys * width + h * head_dim;
    for (int i = threadIdx.x; i < queries * head_dim; i += blockDim.x)
        sq[(i / head_dim) * ld + i % head_dim] = q[q_base + (size_t)(i / head_dim) * width + i % head_dim];
    for (int i = threadIdx.x; i < keys * head_dim; i += blockDim.x) {
        size_t at = k_base + (size_t)(i / head_dim) * width + i % head_dim;
        sk[(i / head_dim) * ld + i % head_dim] = k[at];
        sv[(i / head_dim) * ld + i % head_dim] = v[at];
    }
    __syncthreads();
    for (int i = threadIdx.x; i < queries * keys; i += blockDim.x) {
        int r = i / keys, c = i % keys;
        float dot = 0.0f;
        for (int d = 0; d < head_dim; ++d) dot += sq[r * ld + d] * sk[c * ld + d];
        s[i] = dot * scale;
    }
    __syncthreads();
    for (int r = threadIdx.x; r < queries; r += blockDim.x) {
        float* row = s + r * keys;
        int visible = causal ? min(keys, r + 1) : keys;
        float highest = -3.402823466e38f;
        for (int c = 0; c < visible; ++c) highest = fmaxf(highest, row[c]);
        float total = 0.0f;
        for (int c = 0; c < keys; ++c) {
            float e = c < visible ? expf(row[c] - highest) : 0.0f;
            row[c] = e;
            total += e;
        }
        float inverse = 1.0f / total;
        for (int c = 0; c < keys; ++c) row[c] *= inverse;
    }
    __syncthreads();
    for (int i = threadIdx.x; i < queries * head_dim; i += blockDim.x) {
        int r = i / head_dim, d = i % head_dim;
        float acc = 0.0f;
        for (int c = 0; c < keys; ++c) acc += s[r * keys + c] * sv[c * ld + d];
        out[q_base + (size_t)r * width + d] = acc;
    }
}
"""#
}
