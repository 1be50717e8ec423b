;; SIMD loops for a training step's data movement and Winograd's transforms, run on
;; tfjs-backend-wasm's own heap.
;;
;; The same loops in JavaScript cost 1.3-2.2 ns a float on a SharedArrayBuffer, where a plain copy
;; moves 30 GB/s: a 572-px step (16 filters) spent 160 ms in its bias sums, pooling gradients,
;; crops, splits and concatenations, 60 ms with these. tfjs's own element-wise C++ kernels are
;; already near memory speed (SIMD Add, Multiply and Step alone gained under 1%); what pays is
;; doing in one pass what tfjs does in two (ReLU's gradient) and Winograd F(2x2, 3x3), whose
;; transforms are only additions. This module imports tfjs's memory (`build-glue.ts` makes a
;; shared-memory build for the threaded backend and a plain one for the single-threaded backend)
;; and runs on the main thread only, between tfjs's kernels. Every address and length is in
;; bytes unless named "floats"; addresses are unsigned (the heap may use all 4 GB).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; count runs of `floats` 32-bit words: run r goes from src + r*srcStride to dst + r*dstStride
  ;; (strides in words). Bit-exact for any 32-bit data (int32 too).
  (func (export "copy_runs")
    (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstStride i32)
    (param $floats i32) (param $count i32)
    (local $bytes i32) (local $vectorBytes i32) (local $k i32)
    (local.set $srcStride (i32.shl (local.get $srcStride) (i32.const 2)))
    (local.set $dstStride (i32.shl (local.get $dstStride) (i32.const 2)))
    (local.set $bytes (i32.shl (local.get $floats) (i32.const 2)))
    (local.set $vectorBytes (i32.and (local.get $bytes) (i32.const -16)))
    (block $done
      (loop $runs
        (br_if $done (i32.eqz (local.get $count)))
        (if (i32.ge_u (local.get $bytes) (i32.const 256))
          (then (memory.copy (local.get $dst) (local.get $src) (local.get $bytes)))
          (else
            (local.set $k (i32.const 0))
            (block $vectorsDone
              (loop $vectors
                (br_if $vectorsDone (i32.ge_u (local.get $k) (local.get $vectorBytes)))
                (v128.store (i32.add (local.get $dst) (local.get $k))
                  (v128.load (i32.add (local.get $src) (local.get $k))))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $vectors)))
            (block $wordsDone
              (loop $words
                (br_if $wordsDone (i32.ge_u (local.get $k) (local.get $bytes)))
                (i32.store (i32.add (local.get $dst) (local.get $k))
                  (i32.load (i32.add (local.get $src) (local.get $k))))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $words)))))
        (local.set $src (i32.add (local.get $src) (local.get $srcStride)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStride)))
        (local.set $count (i32.sub (local.get $count) (i32.const 1)))
        (br $runs))))

  ;; acc[k] += sum over p < pixels of x[p*c + k], for c a multiple of 4. acc holds c float64s
  ;; (8-byte aligned). Eight pixels are summed in float32 before each float64 update.
  (func (export "sum_pixels")
    (param $x i32) (param $pixels i32) (param $c i32) (param $acc i32)
    (local $row i32) (local $k i32) (local $at i32) (local $s v128) (local $to i32)
    (local $blocks i32) (local $rest i32)
    (local.set $row (i32.shl (local.get $c) (i32.const 2)))
    (local.set $blocks (i32.shr_u (local.get $pixels) (i32.const 3)))
    (local.set $rest (i32.and (local.get $pixels) (i32.const 7)))
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.eqz (local.get $blocks)))
        (local.set $k (i32.const 0))
        (block $channelsDone
          (loop $channels
            (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $row)))
            (local.set $at (i32.add (local.get $x) (local.get $k)))
            (local.set $s (v128.load (local.get $at)))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $at))))
            (local.set $at (i32.add (local.get $at) (local.get $row)))
            (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $at))))
            (call $accumulate (i32.add (local.get $acc) (i32.shl (local.get $k) (i32.const 1)))
              (local.get $s))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $channels)))
        (local.set $x (i32.add (local.get $x) (i32.shl (local.get $row) (i32.const 3))))
        (local.set $blocks (i32.sub (local.get $blocks) (i32.const 1)))
        (br $block)))
    (block $restDone
      (loop $pixel
        (br_if $restDone (i32.eqz (local.get $rest)))
        (local.set $k (i32.const 0))
        (block $channelsDone
          (loop $channels
            (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $row)))
            (call $accumulate (i32.add (local.get $acc) (i32.shl (local.get $k) (i32.const 1)))
              (v128.load (i32.add (local.get $x) (local.get $k))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $channels)))
        (local.set $x (i32.add (local.get $x) (local.get $row)))
        (local.set $rest (i32.sub (local.get $rest) (i32.const 1)))
        (br $pixel))))

  ;; Four float64s at `to` += the four float32s of s.
  (func $accumulate (param $to i32) (param $s v128)
    (v128.store (local.get $to)
      (f64x2.add (v128.load (local.get $to)) (f64x2.promote_low_f32x4 (local.get $s))))
    (v128.store offset=16 (local.get $to)
      (f64x2.add (v128.load offset=16 (local.get $to))
        (f64x2.promote_low_f32x4
          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $s) (local.get $s))))))

  ;; The gradient of 2x2 stride-2 max pooling with every window inside x [n, h, w, c], c a
  ;; multiple of 4: each window's dy goes to its first strict maximum in row-major order (ties,
  ;; common after ReLU, go to the first; NaN never wins; a window of NaN and -Inf gets nothing);
  ;; every other pixel of the window gets 0. Rows and columns past the last window are not written.
  (func (export "max_pool_grad_2x2")
    (param $x i32) (param $dy i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $c i32) (param $oh i32) (param $ow i32)
    (local $pixel i32) (local $row i32) (local $image i32) (local $lineStart i32)
    (local $corner i32) (local $g i32) (local $b i32) (local $oy i32) (local $ox i32)
    (local $k i32) (local $p i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local $best v128) (local $grad v128) (local $later v128)
    (local.set $pixel (i32.shl (local.get $c) (i32.const 2)))
    (local.set $row (i32.mul (local.get $w) (local.get $pixel)))
    (local.set $g (local.get $dy))
    (local.set $b (i32.const 0))
    (block $imagesDone
      (loop $images
        (br_if $imagesDone (i32.ge_u (local.get $b) (local.get $n)))
        (local.set $image (i32.mul (i32.mul (local.get $b) (local.get $h)) (local.get $row)))
        (local.set $oy (i32.const 0))
        (block $rowsDone
          (loop $rows
            (br_if $rowsDone (i32.ge_u (local.get $oy) (local.get $oh)))
            (local.set $corner (i32.add (local.get $image)
              (i32.mul (i32.shl (local.get $oy) (i32.const 1)) (local.get $row))))
            (local.set $ox (i32.const 0))
            (block $windowsDone
              (loop $windows
                (br_if $windowsDone (i32.ge_u (local.get $ox) (local.get $ow)))
                (local.set $k (i32.const 0))
                (block $channelsDone
                  (loop $channels
                    (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $pixel)))
                    (local.set $p (i32.add (local.get $corner) (local.get $k)))
                    (local.set $v0 (v128.load (i32.add (local.get $x) (local.get $p))))
                    (local.set $v1 (v128.load
                      (i32.add (local.get $x) (i32.add (local.get $p) (local.get $pixel)))))
                    (local.set $v2 (v128.load
                      (i32.add (local.get $x) (i32.add (local.get $p) (local.get $row)))))
                    (local.set $v3 (v128.load (i32.add (local.get $x)
                      (i32.add (i32.add (local.get $p) (local.get $row)) (local.get $pixel)))))
                    (local.set $m0 (f32x4.gt (local.get $v0) (f32x4.splat (f32.const -inf))))
                    (local.set $best (v128.bitselect (local.get $v0)
                      (f32x4.splat (f32.const -inf)) (local.get $m0)))
                    (local.set $m1 (f32x4.gt (local.get $v1) (local.get $best)))
                    (local.set $best
                      (v128.bitselect (local.get $v1) (local.get $best) (local.get $m1)))
                    (local.set $m2 (f32x4.gt (local.get $v2) (local.get $best)))
                    (local.set $best
                      (v128.bitselect (local.get $v2) (local.get $best) (local.get $m2)))
                    (local.set $m3 (f32x4.gt (local.get $v3) (local.get $best)))
                    ;; The winner is the last position that raised the maximum.
                    (local.set $grad (v128.load (i32.add (local.get $g) (local.get $k))))
                    (v128.store (i32.add (local.get $dx)
                        (i32.add (i32.add (local.get $p) (local.get $row)) (local.get $pixel)))
                      (v128.and (local.get $grad) (local.get $m3)))
                    (local.set $later (local.get $m3))
                    (v128.store (i32.add (local.get $dx) (i32.add (local.get $p) (local.get $row)))
                      (v128.and (local.get $grad) (v128.andnot (local.get $m2) (local.get $later))))
                    (local.set $later (v128.or (local.get $later) (local.get $m2)))
                    (v128.store (i32.add (local.get $dx) (i32.add (local.get $p) (local.get $pixel)))
                      (v128.and (local.get $grad) (v128.andnot (local.get $m1) (local.get $later))))
                    (local.set $later (v128.or (local.get $later) (local.get $m1)))
                    (v128.store (i32.add (local.get $dx) (local.get $p))
                      (v128.and (local.get $grad) (v128.andnot (local.get $m0) (local.get $later))))
                    (local.set $k (i32.add (local.get $k) (i32.const 16)))
                    (br $channels)))
                (local.set $corner
                  (i32.add (local.get $corner) (i32.shl (local.get $pixel) (i32.const 1))))
                (local.set $g (i32.add (local.get $g) (local.get $pixel)))
                (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
                (br $windows)))
            (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
            (br $rows)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $images))))

  ;; x [pixels, c] -> [c, pixels] (one image, NHWC -> NCHW), c a multiple of 4. Four pixels at a
  ;; time: their c floats are contiguous reads, each 4x4 block is transposed in registers and its
  ;; rows land in four channel rows. Pixels past the last multiple of 4 are copied one by one.
  (func (export "to_channels_first")
    (param $src i32) (param $dst i32) (param $pixels i32) (param $c i32)
    (local $pixel i32) (local $plane i32) (local $p i32) (local $k i32) (local $from i32)
    (local $to i32) (local $blocks i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $pixel (i32.shl (local.get $c) (i32.const 2)))
    (local.set $plane (i32.shl (local.get $pixels) (i32.const 2)))
    (local.set $blocks (i32.shr_u (local.get $pixels) (i32.const 2)))
    (local.set $p (i32.const 0))
    (block $blocksDone
      (loop $block
        (br_if $blocksDone (i32.eqz (local.get $blocks)))
        (local.set $k (i32.const 0))
        (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $p) (i32.const 2))))
        (block $channelsDone
          (loop $channels
            (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $pixel)))
            (local.set $from (i32.add (local.get $src) (local.get $k)))
            (local.set $a0 (v128.load (local.get $from)))
            (local.set $from (i32.add (local.get $from) (local.get $pixel)))
            (local.set $a1 (v128.load (local.get $from)))
            (local.set $from (i32.add (local.get $from) (local.get $pixel)))
            (local.set $a2 (v128.load (local.get $from)))
            (local.set $from (i32.add (local.get $from) (local.get $pixel)))
            (local.set $a3 (v128.load (local.get $from)))
            ;; t0 = a0[0] a1[0] a0[1] a1[1], t1 = a2[0] a3[0] a2[1] a3[1], t2 and t3 likewise
            ;; for lanes 2 and 3; then each output row takes two lanes of t0/t1 (or t2/t3).
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
              (local.get $a0) (local.get $a1)))
            (local.set $t1 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23
              (local.get $a2) (local.get $a3)))
            (local.set $t2 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
              (local.get $a0) (local.get $a1)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31
              (local.get $a2) (local.get $a3)))
            (v128.store (local.get $to) (i8x16.shuffle
              0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1)))
            (local.set $to (i32.add (local.get $to) (local.get $plane)))
            (v128.store (local.get $to) (i8x16.shuffle
              8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
            (local.set $to (i32.add (local.get $to) (local.get $plane)))
            (v128.store (local.get $to) (i8x16.shuffle
              0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t2) (local.get $t3)))
            (local.set $to (i32.add (local.get $to) (local.get $plane)))
            (v128.store (local.get $to) (i8x16.shuffle
              8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t2) (local.get $t3)))
            (local.set $to (i32.add (local.get $to) (local.get $plane)))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $channels)))
        (local.set $src (i32.add (local.get $src) (i32.shl (local.get $pixel) (i32.const 2))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $blocks (i32.sub (local.get $blocks) (i32.const 1)))
        (br $block)))
    (block $pixelsDone
      (loop $rest
        (br_if $pixelsDone (i32.ge_u (local.get $p) (local.get $pixels)))
        (local.set $k (i32.const 0))
        (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $p) (i32.const 2))))
        (block $channelsDone
          (loop $channels
            (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $pixel)))
            (i32.store (local.get $to) (i32.load (i32.add (local.get $src) (local.get $k))))
            (local.set $to (i32.add (local.get $to) (local.get $plane)))
            (local.set $k (i32.add (local.get $k) (i32.const 4)))
            (br $channels)))
        (local.set $src (i32.add (local.get $src) (local.get $pixel)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $rest))))

  ;; Winograd F(2x2, 3x3), input side: x [h, w, c] (one image, NHWC, c a multiple of 4) -> v
  ;; [16][tiles][c], tiles = tilesY * tilesX, where tile (ty, tx) is the 4x4 window at rows
  ;; 2ty.., columns 2tx.. of x and v[4i + j] = (B^T d B)[i][j] with
  ;; B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]. Only additions: exact up to rounding.
  (func (export "winograd_input")
    (param $x i32) (param $v i32) (param $w i32) (param $c i32)
    (param $tilesY i32) (param $tilesX i32)
    (local $pixel i32) (local $row i32) (local $plane i32) (local $ty i32) (local $tx i32)
    (local $k i32) (local $at i32) (local $to i32) (local $corner i32)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local $t00 v128) (local $t01 v128) (local $t02 v128) (local $t03 v128)
    (local $t10 v128) (local $t11 v128) (local $t12 v128) (local $t13 v128)
    (local $t20 v128) (local $t21 v128) (local $t22 v128) (local $t23 v128)
    (local $t30 v128) (local $t31 v128) (local $t32 v128) (local $t33 v128)
    (local.set $pixel (i32.shl (local.get $c) (i32.const 2)))
    (local.set $row (i32.mul (local.get $w) (local.get $pixel)))
    ;; bytes of one of the 16 matrices
    (local.set $plane (i32.mul (i32.mul (local.get $tilesY) (local.get $tilesX)) (local.get $pixel)))
    (local.set $to (local.get $v))
    (local.set $ty (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $ty) (local.get $tilesY)))
        (local.set $tx (i32.const 0))
        (block $tilesDone
          (loop $tiles
            (br_if $tilesDone (i32.ge_u (local.get $tx) (local.get $tilesX)))
            (local.set $corner (i32.add (local.get $x) (i32.add
              (i32.mul (i32.shl (local.get $ty) (i32.const 1)) (local.get $row))
              (i32.mul (i32.shl (local.get $tx) (i32.const 1)) (local.get $pixel)))))
            (local.set $k (i32.const 0))
            (block $channelsDone
              (loop $channels
                (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $pixel)))
                ;; Column s of the window: rows 0..3 combined by B^T -> t0s..t3s.
                (local.set $at (i32.add (local.get $corner) (local.get $k)))
                (call $columnBt (local.get $at) (local.get $row))
                (local.set $t30) (local.set $t20) (local.set $t10) (local.set $t00)
                (local.set $at (i32.add (local.get $at) (local.get $pixel)))
                (call $columnBt (local.get $at) (local.get $row))
                (local.set $t31) (local.set $t21) (local.set $t11) (local.set $t01)
                (local.set $at (i32.add (local.get $at) (local.get $pixel)))
                (call $columnBt (local.get $at) (local.get $row))
                (local.set $t32) (local.set $t22) (local.set $t12) (local.set $t02)
                (local.set $at (i32.add (local.get $at) (local.get $pixel)))
                (call $columnBt (local.get $at) (local.get $row))
                (local.set $t33) (local.set $t23) (local.set $t13) (local.set $t03)
                ;; Row i of t combined by B -> v[4i + j], stored plane bytes apart.
                (local.set $at (i32.add (local.get $to) (local.get $k)))
                (call $rowB (local.get $at) (local.get $plane)
                  (local.get $t00) (local.get $t01) (local.get $t02) (local.get $t03))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $plane) (i32.const 2))))
                (call $rowB (local.get $at) (local.get $plane)
                  (local.get $t10) (local.get $t11) (local.get $t12) (local.get $t13))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $plane) (i32.const 2))))
                (call $rowB (local.get $at) (local.get $plane)
                  (local.get $t20) (local.get $t21) (local.get $t22) (local.get $t23))
                (local.set $at (i32.add (local.get $at) (i32.shl (local.get $plane) (i32.const 2))))
                (call $rowB (local.get $at) (local.get $plane)
                  (local.get $t30) (local.get $t31) (local.get $t32) (local.get $t33))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $channels)))
            (local.set $to (i32.add (local.get $to) (local.get $pixel)))
            (local.set $tx (i32.add (local.get $tx) (i32.const 1)))
            (br $tiles)))
        (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
        (br $rows))))

  ;; B^T over the four rows of one window column (at, at + row, ...): d0 - d2, d1 + d2, d2 - d1,
  ;; d1 - d3.
  (func $columnBt (param $at i32) (param $row i32) (result v128 v128 v128 v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $d0 (v128.load (local.get $at)))
    (local.set $d1 (v128.load (i32.add (local.get $at) (local.get $row))))
    (local.set $d2 (v128.load (i32.add (local.get $at) (i32.shl (local.get $row) (i32.const 1)))))
    (local.set $d3 (v128.load (i32.add (local.get $at) (i32.mul (local.get $row) (i32.const 3)))))
    (f32x4.sub (local.get $d0) (local.get $d2))
    (f32x4.add (local.get $d1) (local.get $d2))
    (f32x4.sub (local.get $d2) (local.get $d1))
    (f32x4.sub (local.get $d1) (local.get $d3)))

  ;; B over one row of t, stored at at, at + plane, at + 2 plane, at + 3 plane.
  (func $rowB (param $at i32) (param $plane i32)
    (param $t0 v128) (param $t1 v128) (param $t2 v128) (param $t3 v128)
    (v128.store (local.get $at) (f32x4.sub (local.get $t0) (local.get $t2)))
    (v128.store (i32.add (local.get $at) (local.get $plane))
      (f32x4.add (local.get $t1) (local.get $t2)))
    (v128.store (i32.add (local.get $at) (i32.shl (local.get $plane) (i32.const 1)))
      (f32x4.sub (local.get $t2) (local.get $t1)))
    (v128.store (i32.add (local.get $at) (i32.mul (local.get $plane) (i32.const 3)))
      (f32x4.sub (local.get $t1) (local.get $t3))))

  ;; Winograd F(2x2, 3x3), output side: m = 16 matrices [tiles][o] whose addresses are the 16
  ;; i32s at `table`; y [2 tilesY, 2 tilesX, o] (NHWC, o a multiple of 4) gets A^T m A with
  ;; A^T = [1 1 1 0; 0 1 -1 -1] for each tile.
  (func (export "winograd_output")
    (param $table i32) (param $y i32) (param $o i32) (param $tilesY i32) (param $tilesX i32)
    (local $pixel i32) (local $row i32) (local $ty i32) (local $tx i32) (local $k i32)
    (local $from i32) (local $out i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $u0 v128) (local $u1 v128) (local $u2 v128) (local $u3 v128)
    (local.set $pixel (i32.shl (local.get $o) (i32.const 2)))
    (local.set $row (i32.mul (i32.shl (local.get $tilesX) (i32.const 1)) (local.get $pixel)))
    (local.set $from (i32.const 0))
    (local.set $ty (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $ty) (local.get $tilesY)))
        (local.set $tx (i32.const 0))
        (block $tilesDone
          (loop $tiles
            (br_if $tilesDone (i32.ge_u (local.get $tx) (local.get $tilesX)))
            (local.set $out (i32.add (local.get $y) (i32.add
              (i32.mul (i32.shl (local.get $ty) (i32.const 1)) (local.get $row))
              (i32.mul (i32.shl (local.get $tx) (i32.const 1)) (local.get $pixel)))))
            (local.set $k (i32.const 0))
            (block $channelsDone
              (loop $channels
                (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $pixel)))
                ;; Column s: s_s = m[0s] + m[1s] + m[2s] (output row 0), u_s = m[1s] - m[2s] - m[3s].
                (call $columnAt (local.get $table) (i32.const 0) (i32.add (local.get $from) (local.get $k)))
                (local.set $u0) (local.set $s0)
                (call $columnAt (local.get $table) (i32.const 1) (i32.add (local.get $from) (local.get $k)))
                (local.set $u1) (local.set $s1)
                (call $columnAt (local.get $table) (i32.const 2) (i32.add (local.get $from) (local.get $k)))
                (local.set $u2) (local.set $s2)
                (call $columnAt (local.get $table) (i32.const 3) (i32.add (local.get $from) (local.get $k)))
                (local.set $u3) (local.set $s3)
                (v128.store (i32.add (local.get $out) (local.get $k))
                  (f32x4.add (f32x4.add (local.get $s0) (local.get $s1)) (local.get $s2)))
                (v128.store (i32.add (i32.add (local.get $out) (local.get $pixel)) (local.get $k))
                  (f32x4.sub (f32x4.sub (local.get $s1) (local.get $s2)) (local.get $s3)))
                (v128.store (i32.add (i32.add (local.get $out) (local.get $row)) (local.get $k))
                  (f32x4.add (f32x4.add (local.get $u0) (local.get $u1)) (local.get $u2)))
                (v128.store (i32.add (i32.add (i32.add (local.get $out) (local.get $row))
                    (local.get $pixel)) (local.get $k))
                  (f32x4.sub (f32x4.sub (local.get $u1) (local.get $u2)) (local.get $u3)))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br $channels)))
            (local.set $from (i32.add (local.get $from) (local.get $pixel)))
            (local.set $tx (i32.add (local.get $tx) (i32.const 1)))
            (br $tiles)))
        (local.set $ty (i32.add (local.get $ty) (i32.const 1)))
        (br $rows))))

  ;; Column s of a tile's 4x4 m (m[4r + s] at table[4r + s] + offset), combined by A^T's rows:
  ;; (m0 + m1 + m2, m1 - m2 - m3).
  (func $columnAt (param $table i32) (param $s i32) (param $offset i32) (result v128 v128)
    (local $m0 v128) (local $m1 v128) (local $m2 v128) (local $m3 v128)
    (local $entry i32)
    (local.set $entry (i32.add (local.get $table) (i32.shl (local.get $s) (i32.const 2))))
    (local.set $m0 (v128.load (i32.add (i32.load (local.get $entry)) (local.get $offset))))
    (local.set $m1 (v128.load (i32.add (i32.load offset=16 (local.get $entry)) (local.get $offset))))
    (local.set $m2 (v128.load (i32.add (i32.load offset=32 (local.get $entry)) (local.get $offset))))
    (local.set $m3 (v128.load (i32.add (i32.load offset=48 (local.get $entry)) (local.get $offset))))
    (f32x4.add (f32x4.add (local.get $m0) (local.get $m1)) (local.get $m2))
    (f32x4.sub (f32x4.sub (local.get $m1) (local.get $m2)) (local.get $m3)))

  ;; ReLU's gradient in one pass: out = dy * step(x), step(x) = 1 where x > 0, NaN where x is
  ;; NaN, else 0 (exactly tfjs's mul(dy, step(x)), -0 and NaN from 0 * Inf included).
  (func (export "relu_grad")
    (param $dy i32) (param $x i32) (param $out i32) (param $floats i32)
    (local $end i32) (local $vectorEnd i32) (local $v v128) (local $s f32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $floats) (i32.const 2))))
    (local.set $vectorEnd (i32.sub (local.get $end) (i32.const 15)))
    (block $vectorsDone
      (loop $vectors
        (br_if $vectorsDone (i32.lt_u (local.get $end) (i32.const 16)))
        (br_if $vectorsDone (i32.ge_u (local.get $out) (local.get $vectorEnd)))
        (local.set $v (v128.load (local.get $x)))
        (v128.store (local.get $out)
          (f32x4.mul (v128.load (local.get $dy))
            (v128.bitselect
              (local.get $v)
              (v128.and (f32x4.splat (f32.const 1)) (f32x4.gt (local.get $v) (f32x4.splat (f32.const 0))))
              (f32x4.ne (local.get $v) (local.get $v)))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $out (i32.add (local.get $out) (i32.const 16)))
        (br $vectors)))
    (block $floatsDone
      (loop $scalars
        (br_if $floatsDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $s (f32.load (local.get $x)))
        (f32.store (local.get $out)
          (f32.mul (f32.load (local.get $dy))
            (select (local.get $s)
              (select (f32.const 1) (f32.const 0) (f32.gt (local.get $s) (f32.const 0)))
              (f32.ne (local.get $s) (local.get $s)))))
        (local.set $dy (i32.add (local.get $dy) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br $scalars))))

  ;; In place on y [pixels, c] (c a multiple of 4): y += bias (c floats at `bias`, or none when
  ;; 0), then max(y, 0) when `relu` is 1 (NaN stays NaN, as in tfjs's relu).
  (func (export "bias_activation")
    (param $y i32) (param $bias i32) (param $pixels i32) (param $c i32) (param $relu i32)
    (local $row i32) (local $k i32) (local $v v128) (local $zero v128) (local $keep v128)
    (local.set $row (i32.shl (local.get $c) (i32.const 2)))
    (block $pixelsDone
      (loop $pixel
        (br_if $pixelsDone (i32.eqz (local.get $pixels)))
        (local.set $k (i32.const 0))
        (block $channelsDone
          (loop $channels
            (br_if $channelsDone (i32.ge_u (local.get $k) (local.get $row)))
            (local.set $v (v128.load (i32.add (local.get $y) (local.get $k))))
            (if (local.get $bias)
              (then (local.set $v (f32x4.add (local.get $v)
                (v128.load (i32.add (local.get $bias) (local.get $k)))))))
            (if (local.get $relu)
              (then
                ;; Keep lanes that are > 0 or NaN; zero the others.
                (local.set $keep (v128.or
                  (f32x4.gt (local.get $v) (f32x4.splat (f32.const 0)))
                  (f32x4.ne (local.get $v) (local.get $v))))
                (local.set $v (v128.and (local.get $v) (local.get $keep)))))
            (v128.store (i32.add (local.get $y) (local.get $k)) (local.get $v))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (br $channels)))
        (local.set $y (i32.add (local.get $y) (local.get $row)))
        (local.set $pixels (i32.sub (local.get $pixels) (i32.const 1)))
        (br $pixel))))
)
